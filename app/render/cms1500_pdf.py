"""Shim for app.services.claims (not this branch's file): the claim form now lives in app.render.cms1500.
The lead removes this module when merging, pointing the import there."""

from app.render.cms1500 import FormKind, Offset, render_cms1500, render_test_page

__all__ = ["FormKind", "Offset", "render_cms1500", "render_test_page"]
