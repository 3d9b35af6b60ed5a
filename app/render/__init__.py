"""render layer of Superbill Desk (see DESIGN.md section 5)."""
