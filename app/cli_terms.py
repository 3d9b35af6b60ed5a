"""What the command line promises its callers, shared by the parser (app.cli) and the commands
(app.commands): the exit statuses and the environment variables a secret may come from.

Exit status: 0 done; 1 the check found errors (nothing final was made); 2 bad input (one line
naming the field; nothing was saved); 3 the data folder cannot be used (disk, permissions, a
damaged file); 4 an unexpected problem (a bug, reported in one line and logged without patient
data); 130 interrupted with Ctrl+C; 141 the reader of its output went away, said nothing.
"""

from __future__ import annotations

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_STORE = 0, 1, 2, 3
EXIT_UNEXPECTED = 4  # a bug: one line on stderr, the details (never patient data) in the log
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report SIGINT
EXIT_CLOSED_PIPE = 141  # the reader went away (`| head -1`), as shells report SIGPIPE
PASSPHRASE_VARIABLE = "SUPERBILL_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "SUPERBILL_NEW_PASSPHRASE"
RECOVERY_KEY_VARIABLE = "SUPERBILL_RECOVERY_KEY"
PDF_PASSWORD_VARIABLE = "SUPERBILL_PDF_PASSWORD"
