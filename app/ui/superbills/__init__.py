"""Making superbills (one or a batch), year-end statements, the PDF preview and saving a PDF."""
