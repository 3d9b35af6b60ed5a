"""Encryption's screens: the passphrase, the recovery key, unlocking and the idle lock."""
