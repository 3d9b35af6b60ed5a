"""Words for counts in messages and screens: "1 visit", "2 visits", "1,200 patients"."""

from __future__ import annotations


def plural(count: int, word: str, words: str | None = None) -> str:
    """The count (thousands separated) and the word, in the plural unless it is 1: `words` for a
    plural not made with "s" ("1 thing to look at", "2 things to look at")."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"
