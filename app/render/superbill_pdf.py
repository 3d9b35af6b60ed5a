"""Shim for app.services.superbills (not this branch's file): the superbill now lives in app.render.superbill.

The lead removes this module when merging, pointing the import at app.render.superbill.
"""

from app.render.superbill import SignatureImageError, SuperbillRenderer

__all__ = ["SignatureImageError", "SuperbillRenderer"]
