"""Shim for app.services.letters (not this branch's file): the letter now lives in
app.render.necessity_letter. The lead removes this module when merging, pointing the import there."""

from app.render.necessity_letter import LetterRenderer

__all__ = ["LetterRenderer"]
