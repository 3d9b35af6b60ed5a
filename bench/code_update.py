"""How long the yearly ICD-10-CM update takes: preview and apply of each kind of file, offline.

    python -m bench.code_update

The file is the made-up FY2028 of tests/codes/fy2028.py (the whole order file: about 98,000 lines).
Baseline in the same run: copying the shipped code-set file (about 19 MB), the least any load costs.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services.code_update import apply_update, preview_update
from app.store.code_index import shipped_index_path
from tests.codes.fy2028 import ADDENDA_2028, write_order_file_2028, zip_of


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        order = write_order_file_2028(folder)
        files = {"addenda": ADDENDA_2028, "order file": order, "zip": zip_of(order)}
        baseline = _timed(lambda: shutil.copyfile(shipped_index_path(), folder / "copy.sqlite"))
        print(f"baseline: copy the shipped code set  {baseline * 1000:7.0f} ms")
        for kind, path in files.items():
            data = folder / f"data-{kind.replace(' ', '-')}"
            preview = _timed(lambda path=path, data=data: preview_update(path, data))
            update = preview_update(path, data)
            apply = _timed(lambda update=update, data=data: apply_update(update, data))
            size = (data / "codes" / "icd10cm-FY2028.sqlite").stat().st_size
            print(
                f"{kind:<11} preview {preview * 1000:6.0f} ms  apply {apply * 1000:6.0f} ms "
                f"({apply / baseline:5.1f}x the copy)  file {size / 1_048_576:.1f} MiB"
            )


if __name__ == "__main__":
    main()
