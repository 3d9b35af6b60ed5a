"""A smaller ICU data library for the Linux bundle: Qt's libicudata (32 MB) cut to what Qt uses (~4 MB).

Qt on Linux links ICU, and ICU keeps all of its data (every locale's names, units, currencies,
transliterators, dictionaries for line breaking in Thai or Chinese, ...) in libicudata.so.NN as one
block of bytes, the symbol icudtNN_dat. Qt itself reads little of it: collation (QCollator, which the
file dialog uses to sort names in the user's language), time zones, locale fallbacks and a few
converters. Traced with strace over the UI tests and the dialogs (every item a file, ICU_DATA
pointing at them): nothing else is opened. Text layout, line breaking and normalisation are Qt's own.

This takes the block out of the wheel's library, keeps the items below with ICU's own packaging tool
(icupkg, Debian package icu-devtools) and assembles a library of the same name exporting the same
symbol (gcc). build.spec puts it in the bundle in place of the original. The frozen self-test sorts
names in English and Swedish to prove collation still works (app/ui/self_test_window.py).

    python3 packaging/linux/icu_data.py <libicudata.so.NN> <output folder>
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# Items kept, as icupkg lists them (without the package's "icudtNNl/" prefix); shell patterns.
KEEP = [
    # collation for every language: sorting follows the user's locale
    "coll/*",
    # the locale tree's root and English; locale fallback and canonical names
    "root.res",
    "pool.res",
    "res_index.res",
    "en.res",
    "en_US.res",
    "keyTypeData.res",
    "likelySubtags.res",
    "supplementalData.res",
    # time zones (QTimeZone)
    "metaZones.res",
    "timezoneTypes.res",
    "zoneinfo64.res",
    "windowsZones.res",
    "zone/root.res",
    "zone/pool.res",
    "zone/res_index.res",
    "zone/en.res",
    # converter names, and windows-1252
    "cnvalias.icu",
    "ibm-5348_P100-1997.cnv",
    # small Unicode property data
    "nfkc.nrm",
    "nfkc_cf.nrm",
    "uts46.nrm",
    "uemoji.icu",
    "ulayout.icu",
]


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The icudtNN_dat symbol of the library: its name, its offset in the file and its size."""
    symbols = run("readelf", "-W", "--dyn-syms", str(library))
    found = re.search(
        r"\s([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+(\d+)\s+(icudt\d+_dat)\b", symbols
    )
    if found is None:
        raise SystemExit(f"{library}: no icudtNN_dat symbol (is this ICU's data library?)")
    address, size, section, name = int(found[1], 16), int(found[2], 0), int(found[3]), found[4]
    sections = run("readelf", "-W", "-S", str(library))
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if row is None:
        raise SystemExit(f"{library}: section {section} of {name} not found")
    return name, address - int(row[1], 16) + int(row[2], 16), size


def trim(library: Path, out_dir: Path) -> Path:
    name, offset, size = data_symbol(library)
    blob = library.read_bytes()[offset : offset + size]
    if blob[12:16] != b"CmnD":
        raise SystemExit(f"{library}: {name} is not an ICU common data package")
    package = name.removesuffix("_dat") + "l"  # icudt73l: little-endian ASCII, as on every Linux PC
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        full = work / f"{package}.dat"
        full.write_bytes(blob)
        items = run("icupkg", "-l", str(full)).split()
        keep = [item for item in items if any(fnmatch.fnmatchcase(item, pattern) for pattern in KEEP)]
        missing = [pattern for pattern in KEEP if not fnmatch.filter(items, pattern)]
        if missing:
            raise SystemExit(f"{library}: items to keep are not in the package: {missing}")
        (work / "remove.txt").write_text("\n".join(sorted(set(items) - set(keep))) + "\n")
        (work / "small").mkdir()
        small = work / "small" / full.name  # icupkg names the items after the package file: keep its name
        run("icupkg", "-r", str(work / "remove.txt"), str(full), str(small))
        if sorted(run("icupkg", "-l", str(small)).split()) != sorted(keep):
            raise SystemExit("icupkg did not keep exactly the items asked for")
        source = work / "icudata.S"
        source.write_text(
            "    .section .rodata\n"
            f"    .globl {name}\n"
            f"    .type {name}, @object\n"
            "    .balign 16\n"
            f"{name}:\n"
            f'    .incbin "{small}"\n'
            f"    .size {name}, .-{name}\n"
            '    .section .note.GNU-stack,"",@progbits\n'
        )
        output = out_dir / library.name
        run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(output), str(source))
    if data_symbol(output)[0] != name:
        raise SystemExit(f"{output}: the new library does not export {name}")
    print(
        f"icu_data.py: {library.name} {len(blob):,} -> {output.stat().st_size:,} bytes, {len(keep)} of {len(items)} items"
    )
    return output


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    trim(Path(sys.argv[1]), Path(sys.argv[2]))
