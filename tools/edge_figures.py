"""Figures for the README: the promises of "Your data", attacked at the edges through the command line.

    python tools/edge_figures.py

Each attack runs the real `superbill` commands (app.cli.main, in this process) on real data
folders made from the example practice file, and prints one line:

- hostile output paths: every command that writes a file, pointed at the practice's own files,
  folders, devices and impossible names; counts the practices that no longer open afterwards.
- emptied and truncated practice files: the database cut to 0 bytes, to its header, to half, or
  deleted (plain and encrypted), then `backup` run twice; counts the backups replaced or pruned.
- plain copies left after `encrypt`: a practice with backups and a before-restore copy is
  encrypted; counts the files in its folder in which a patient's name can still be read.
- encrypted backups restored from a `backup --to` folder: into the same folder, into a new
  folder on "another computer", and with the key file lost, with the passphrase and with the
  recovery key; counts those restored with every record.
- malformed key files: key.json tampered field by field; counts tracebacks and answers other
  than exit 3.

Exits 1 if any figure breaks its promise.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "data" / "sample-practice.json"
PASSPHRASE = "tidewater massage since 2019"
NAME = b"Okafor"  # the example practice's first patient


def main() -> int:
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["SUPERBILL_LOG_DIR"] = str(root / "logs")
        lines = [
            _output_paths(root / "output"),
            _emptied_files(root / "emptied"),
            _plain_copies(root / "copies"),
            _encrypted_restores(root / "restores"),
            _key_files(root / "keys"),
        ]
    broken = [line for ok, line in lines if not ok]
    for _, line in lines:
        print(line)
    return 1 if broken else 0


# Running the command line ---------------------------------------------------------------------------


def superbill(data: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run a command as a user would; the exit status, standard output and error (never raises)."""
    from app.cli import main as cli

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli(["--data-dir", str(data), *args])
            except SystemExit as exit_:
                status = exit_.code if isinstance(exit_.code, int) else 2
            except BaseException as error:  # what a user would see as a traceback
                status = -1
                err.write(f"Traceback: {type(error).__name__}")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return status, out.getvalue(), err.getvalue()


def practice(folder: Path, *, encrypted: bool = False, backups: int = 1) -> Path:
    """The example practice with a final superbill and `backups` backups (taken a second apart)."""
    assert superbill(folder, "import", str(SAMPLE))[0] == 0
    # The first visit only: each visit is billed once, so `render --unbilled` below still has one to issue.
    first_visit = ("--from", "2026-09-09", "--to", "2026-09-09")
    assert (
        superbill(
            folder, "render", "--patient", "pt-0001", *first_visit, "-o", str(folder.parent / "sb.pdf")
        )[0]
        == 0
    )
    for _ in range(backups):
        assert superbill(folder, "backup")[0] == 0
        _next_second()
    if encrypted:
        assert superbill(folder, "encrypt", env={"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE})[0] == 0
    return folder


def _next_second() -> None:
    import time

    time.sleep(1.01 - (time.time() % 1))


def records(data: Path, env: dict[str, str] | None = None) -> str | None:
    """The whole practice as the practice file exports it, and the superbills issued to the first
    patient; None when it cannot be read."""
    status, out, _ = superbill(data, "export", env=env)
    issued_status, issued, _ = superbill(data, "issued", "--patient", "pt-0001", env=env)
    return out + issued if status == issued_status == 0 else None


def _fingerprints(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# The attacks -------------------------------------------------------------------------------------


def _output_paths(root: Path) -> tuple[bool, str]:
    from tests.protection.test_no_traceback import OUTPUT_PATHS

    template = practice(root / "template")
    scratch = root / "scratch"
    scratch.mkdir()
    regular = scratch / "notes.txt"
    regular.write_text("notes\n", encoding="utf-8")
    commands: list[Callable[[str], tuple[str, ...]]] = [
        lambda p: ("render", "--patient", "pt-0001", "--unbilled", "-o", p),
        lambda p: ("render", "--patient", "pt-0001", "--draft", "-o", p),
        lambda p: ("export", "-o", p),
        lambda p: ("reprint", "SB-2026-0001", "-o", p),
        lambda p: ("reissue", "SB-2026-0001", "-o", p),
        lambda p: ("demo", "-o", p),
        lambda p: ("backup", "--to", p),
    ]
    tried = lost = tracebacks = numbers_used = 0
    for index, path in enumerate(OUTPUT_PATHS):
        for command in commands:
            data = root / f"case-{index}-{tried}"
            shutil.copytree(template, data)
            before = records(data)
            target = (
                path.replace("{DATA}", str(data))
                .replace("{TMP}", str(scratch))
                .replace("{FILE}", str(regular))
            )
            with contextlib.chdir(scratch):
                status, _, err = superbill(data, *command(target))
            tried += 1
            tracebacks += status not in (0, 1, 2, 3) or "Traceback" in err
            after = records(data)
            lost += after is None
            if status != 0 and after != before:
                numbers_used += 1
            shutil.rmtree(data, ignore_errors=True)
    ok = lost == 0 and tracebacks == 0 and numbers_used == 0
    return ok, (
        f"hostile output paths: {tried} tried ({len(OUTPUT_PATHS)} paths x {len(commands)} commands); "
        f"practices lost: {lost}; refusals that changed records: {numbers_used}; tracebacks: {tracebacks}"
    )


def _emptied_files(root: Path) -> tuple[bool, str]:
    def cut(size: Callable[[int], int]) -> Callable[[Path], None]:
        def damage(database: Path) -> None:
            with database.open("r+b") as file:
                file.truncate(size(database.stat().st_size))

        return damage

    damages: dict[str, Callable[[Path], None]] = {
        "emptied": cut(lambda _: 0),
        "header only": cut(lambda _: 100),
        "half": cut(lambda n: n // 2),
        "deleted": lambda database: database.unlink(),
    }
    tried = replaced = wrong_status = 0
    for encrypted in (False, True):
        template = practice(root / f"template-{encrypted}", encrypted=encrypted, backups=2)
        env = {"SUPERBILL_PASSPHRASE": PASSPHRASE} if encrypted else {}
        for name, damage in damages.items():
            data = root / f"{name}-{encrypted}"
            shutil.copytree(template, data)
            for extra in ("-wal", "-shm"):
                (data / f"practice.sqlite3{extra}").unlink(missing_ok=True)
            damage(data / "practice.sqlite3")
            backups = _fingerprints(data / "backups")
            for _ in range(2):
                status, _, _ = superbill(data, "backup", env=env)
                tried += 1
                wrong_status += status != 3
            replaced += _fingerprints(data / "backups") != backups
    ok = replaced == 0 and wrong_status == 0
    return ok, (
        f"emptied or truncated practice files (0 bytes, header only, half, deleted; plain and encrypted): "
        f"{tried} backups attempted on them; refused as damage (exit 3): {tried - wrong_status}; "
        f"good backups replaced or pruned: {replaced}"
    )


def _plain_copies(root: Path) -> tuple[bool, str]:
    data = practice(root / "data", backups=3)
    backup = sorted((data / "backups").glob("practice-*.sqlite3"))[0]
    assert superbill(data, "restore", str(backup), "--yes")[0] == 0  # leaves a before-restore copy
    copies = sum(1 for p in data.rglob("*") if p.is_file() and p.name != "key.json")
    status, _, _ = superbill(data, "encrypt", env={"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE})
    readable = [p.name for p in data.rglob("*") if p.is_file() and NAME in p.read_bytes()]
    ok = status == 0 and not readable
    return ok, (
        f"plain copies left after `encrypt`: {len(readable)} of the {copies} files in the data folder "
        f"(the database, {len(list(data.glob('backups/*.sqlite3')))} backup(s), a before-restore copy and "
        "the practice marker) still show a patient's name"
    )


def _encrypted_restores(root: Path) -> tuple[bool, str]:
    source = practice(root / "source", encrypted=True)
    env = {"SUPERBILL_PASSPHRASE": PASSPHRASE}
    expected = records(source, env)
    stick = root / "stick"
    status, _, _ = superbill(source, "backup", "--to", str(stick), env=env)
    assert status == 0
    backup = next(stick.glob("practice-*.sqlite3"))
    recovery = _recovery_key(root / "recovery")
    tried = restored = 0
    for target, secret in (
        ("same folder", "passphrase"),
        ("new folder", "passphrase"),
        ("key file lost", "passphrase"),
        ("new folder", "recovery key"),
    ):
        data = root / f"{target}-{secret}"
        if target != "new folder":
            shutil.copytree(source, data)
        if target == "key file lost":
            (data / "key.json").unlink()
        tried += 1
        if secret == "passphrase":
            status, _, _ = superbill(data, "restore", str(backup), "--yes", env=env)
            after = records(data, env)
        else:
            status, _, _ = superbill(
                data,
                "--recovery-key",
                "restore",
                str(recovery[1]),
                "--yes",
                env={"SUPERBILL_RECOVERY_KEY": recovery[0]},
            )
            after = records(data, {"SUPERBILL_PASSPHRASE": PASSPHRASE})
        restored += status == 0 and after == (expected if secret == "passphrase" else recovery[2])
    return restored == tried, (
        f"encrypted backups restored from a `backup --to` folder (same folder, new folder, key file lost; "
        f"passphrase and recovery key): {restored} of {tried}"
    )


def _recovery_key(folder: Path) -> tuple[str, Path, str | None]:
    """An encrypted practice's recovery key, a backup of it on a stick, and what it holds."""
    assert superbill(folder, "import", str(SAMPLE))[0] == 0
    status, out, _ = superbill(folder, "encrypt", env={"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE})
    assert status == 0, out
    key = next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("Recovery key: "))
    env = {"SUPERBILL_PASSPHRASE": PASSPHRASE}
    stick = folder.parent / "recovery-stick"
    assert superbill(folder, "backup", "--to", str(stick), env=env)[0] == 0
    return key, next(stick.glob("practice-*.sqlite3")), records(folder, env)


def _key_files(root: Path) -> tuple[bool, str]:
    template = practice(root / "template", encrypted=True, backups=0)
    original = json.loads((template / "key.json").read_text(encoding="utf-8"))
    variants = list(_tampered(original))
    tracebacks = other = 0
    for index, content in enumerate(variants):
        data = root / f"case-{index}"
        shutil.copytree(template, data)
        (data / "key.json").write_bytes(content)
        status, _, err = superbill(data, "export", env={"SUPERBILL_PASSPHRASE": PASSPHRASE})
        tracebacks += status == -1 or status == 4 or "Traceback" in err
        other += status != 3
        shutil.rmtree(data)
    return tracebacks == 0 and other == 0, (
        f"malformed key files: {len(variants)} variants; tracebacks: {tracebacks}; "
        f"answers other than exit 3 naming key.json: {other}"
    )


def _tampered(original: dict[str, object]) -> Iterator[bytes]:
    def dump(document: object) -> bytes:
        return json.dumps(document).encode()

    yield b""
    yield b"{"
    yield b"[]"
    yield b"null"
    yield b"\xff\xfe not utf-8"
    yield dump({**original, "format": "something else"})
    yield dump({**original, "version": "1"})
    for slot in ("passphrase", "recovery"):
        yield dump({k: v for k, v in original.items() if k != slot})
        yield dump({**original, slot: "not an object"})
        yield dump({**original, slot: []})
        fields = original[slot]
        assert isinstance(fields, dict)
        for name in fields:
            yield dump({**original, slot: {k: v for k, v in fields.items() if k != name}})
            yield dump({**original, slot: {**fields, name: None}})
            yield dump({**original, slot: {**fields, name: [1, 2]}})
            yield dump({**original, slot: {**fields, name: "!!! not base64 !!!"}})
        yield dump({**original, slot: {**fields, "nonce": base64.b64encode(b"short").decode()}})
        yield dump({**original, slot: {**fields, "wrapped": base64.b64encode(b"x" * 5).decode()}})
        yield dump({**original, slot: {**fields, "salt": ""}})
    passphrase = original["passphrase"]
    assert isinstance(passphrase, dict)
    for name, value in (
        ("n", 3),
        ("n", 2**40),
        ("n", -1),
        ("n", 0),
        ("r", 0),
        ("r", 10**9),
        ("p", 0),
        ("p", 2**31),
    ):
        yield dump({**original, "passphrase": {**passphrase, name: value}})
    yield dump({**original, "passphrase": {**passphrase, "kdf": "md5"}})


if __name__ == "__main__":
    sqlite3.enable_callback_tracebacks(False)
    sys.exit(main())
