"""pyx12's check of an 837P file against the 005010X222A1 map: every file the tests write passes it."""

from __future__ import annotations

import io
import logging
from pathlib import Path


def x12_errors(text: str, tmp_path: Path) -> str:
    """The 999 acknowledgement's error segments (IK3/IK4) for the file, or "" when pyx12 accepts it."""
    import pyx12.params
    import pyx12.x12n_document

    source = tmp_path / "checked.837"
    source.write_text(text, encoding="ascii")
    ack, html = io.StringIO(), io.StringIO()
    logging.disable(logging.CRITICAL)  # pyx12 logs each error as well; the 999 says them
    try:
        ok = pyx12.x12n_document.x12n_document(
            param=pyx12.params.params(), src_file=str(source), fd_997=ack, fd_html=html
        )
    finally:
        logging.disable(logging.NOTSET)
    answer = ack.getvalue()
    problems = [line for line in answer.splitlines() if line.startswith(("IK3", "IK4", "IK5*R", "AK9*R"))]
    if ok and "IK5*A" in answer and not problems:
        return ""
    return "\n".join(problems) or answer
