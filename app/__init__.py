"""Superbill Desk: superbills for solo massage therapists."""

__version__ = "0.1.0"
