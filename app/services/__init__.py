"""services layer of Superbill Desk (see docs/design.md 2)."""
