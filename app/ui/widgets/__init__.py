"""Pieces the screens share: date and money fields, table models, fitting to the screen, saving files."""
