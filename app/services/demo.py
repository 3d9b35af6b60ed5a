"""The demo practice that ships with the app, for trying it out with no real patient data."""

from __future__ import annotations

from app.domain.practice import Practice
from app.resources import resource_path
from app.services.practice_file import read_practice_file

DEMO_PATIENT = "demo-1"


def demo_practice() -> Practice:
    return read_practice_file(resource_path("demo", "demo-practice.json"))
