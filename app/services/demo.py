"""The demo practice that ships with the app, for trying it out with no real patient data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.practice import Practice
from app.resources import resource_path
from app.services.practice_file import read_practice_file

if TYPE_CHECKING:
    from app.services.workspace import Workspace

DEMO_PATIENT = "demo-1"


def demo_practice() -> Practice:
    return read_practice_file(resource_path("demo", "demo-practice.json"))


def fill_with_demo(workspace: Workspace) -> None:
    """Put the demo practice's records in `workspace` (an empty one: the demo's own folder)."""
    from app.services.practice_import import import_practice

    import_practice(workspace, demo_practice())
