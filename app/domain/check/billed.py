"""Each visit is billed once: a visit already on an issued superbill is refused on a new final one.

Two final superbills with the same visit are a duplicate claim: a patient who sends both gets a
denial, and an insurer may flag the practice. The therapist hands the same superbill over again
with `reprint` (the exact PDF) and corrects one with `reissue`, which names the superbill it
replaces (its data leaves `billed` empty). A draft may show billed visits: it says "DRAFT".
Which visits are billed, and on which superbills, is app.store.attention's rule (ON_A_SUPERBILL),
given to the check in SuperbillData.billed.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.check.findings import Context, Finding, day, error, listing, visit_field
from app.domain.check.findings import FindingCode as C
from app.domain.practice import Visit


def billed_once(ctx: Context) -> Iterator[Finding]:
    """One error per set of superbills, naming their numbers and the dates of the visits they hold."""
    held: dict[tuple[str, ...], list[Visit]] = {}
    for visit in ctx.data.visits:
        numbers = ctx.data.billed.get(visit.key)
        if numbers:
            held.setdefault(tuple(numbers), []).append(visit)
    for numbers, visits in held.items():
        dates = listing(day(visit.date) for visit in visits)
        which = f"The visit on {dates} is" if len(visits) == 1 else f"The visits on {dates} are"
        superbill = f"superbill {numbers[0]}" if len(numbers) == 1 else f"superbills {listing(numbers)}"
        it = "it" if len(visits) == 1 else "them"
        yield error(
            C.VISIT_ALREADY_BILLED,
            visit_field(visits[0], "date"),
            f"{which} already on {superbill}: each visit is billed once. Leave {it} out (choose the "
            f"visits not yet on a superbill), reprint {numbers[-1]} for a copy, or reissue it to correct it.",
        )


RULES = (billed_once,)
