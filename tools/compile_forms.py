"""Compile forms/*.ui (Qt Designer) into app/ui/forms/ui_*.py with pyside6-uic.

Run after editing a form: `python tools/compile_forms.py`. tests/ui/test_forms.py fails
when a compiled module is older than its form.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "forms"
COMPILED = ROOT / "app" / "ui" / "forms"


def uic() -> str:
    found = shutil.which("pyside6-uic")
    if found is None:
        sys.exit("pyside6-uic not found: pip install PySide6-Essentials")
    return found


def compiled_source(form: Path) -> str:
    """What pyside6-uic makes of a form, without its first lines that name the Qt version."""
    result = subprocess.run([uic(), "--from-imports", str(form)], capture_output=True, text=True, check=True)
    return strip_header(result.stdout)


def strip_header(source: str) -> str:
    lines = source.splitlines()
    body = [line for line in lines if not line.startswith("## ")]
    return "\n".join(body).strip() + "\n"


def module_for(form: Path) -> Path:
    return COMPILED / f"ui_{form.stem}.py"


def main() -> int:
    COMPILED.mkdir(exist_ok=True)
    (COMPILED / "__init__.py").write_text('"""Modules compiled from forms/*.ui; do not edit."""\n')
    for form in sorted(FORMS.glob("*.ui")):
        module_for(form).write_text(compiled_source(form), encoding="utf-8")
        print(f"{form.relative_to(ROOT)} -> {module_for(form).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
