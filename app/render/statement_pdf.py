"""Shim for app.services.statements (not this branch's file): the year-end statement now lives in
app.render.year_end. The lead removes this module when merging, pointing the imports there."""

from app.render.year_end import StatementRenderer

__all__ = ["StatementRenderer"]
