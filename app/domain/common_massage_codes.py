"""The ICD-10-CM codes common in massage: those most often written on massage prescriptions, most
common first. The one list: the ICD picker offers it before anything is typed, a word search lists the
ones it finds before the rest (app/store/code_index.py), and the code-set build refuses a code here
that no everyday term lists (tools/build_icd_index.py), so that words find each of them too."""

from __future__ import annotations

COMMON_MASSAGE_CODES: tuple[str, ...] = (
    "M54.50",  # low back pain, unspecified
    "M54.51",
    "M54.59",
    "M54.2",  # cervicalgia (neck pain)
    "M54.6",  # pain in thoracic spine
    "M79.10",  # myalgia
    "M79.11",
    "M79.12",
    "M79.18",
    "M79.7",  # fibromyalgia
    "M62.830",  # muscle spasm of back
    "M62.838",
    "S13.4XXA",  # whiplash (sprain of ligaments of cervical spine)
    "S13.4XXD",
    "S13.4XXS",
    "S16.1XXA",  # strain of muscle at neck level
    "S39.012A",  # strain of muscle of lower back
    "G44.209",  # tension-type headache
    "M25.511",  # pain in right shoulder
    "M25.512",
)
