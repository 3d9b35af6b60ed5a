"""The practice's own settings: setup, profile, payers and fees, code sets, backups and restore."""
