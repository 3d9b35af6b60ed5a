"""The visit editor, with its diagnosis and procedure-code pickers and the check's findings."""
