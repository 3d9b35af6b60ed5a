"""The patients list, one patient's view and the dialogs for a patient's records."""
