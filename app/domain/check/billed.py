"""Each visit is billed once: on one final superbill or one claim, unless that one was replaced.

A visit already on an issued superbill or a recorded claim (CMS-1500 or 837P), neither replaced
since, is refused on a new final superbill or claim. Two documents billing the same visit are a
duplicate claim: a patient who sends a superbill for visits the practice has claimed gets a
denial, and an insurer may flag the practice. The therapist hands the same superbill over again
with `reprint` (the exact PDF) and corrects one with `reissue`, which names the superbill it
replaces (its data leaves `billed` empty); a claim is written again with `--claim` and corrected
by a replacement claim (`--replaces`). A draft may show billed visits: it says "DRAFT".
Which visits are billed, and by which documents, is app.store.attention's rule (BILLED),
given to the check in SuperbillData.billed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.domain.check.findings import Context, Finding, day, error, listing, visit_field
from app.domain.check.findings import FindingCode as C
from app.domain.practice import Visit

# A claim's number starts so ("CL-2026-0001"); a superbill's with "SB".
CLAIM_PREFIX = "CL"


def is_claim_number(number: str) -> bool:
    return number.startswith(f"{CLAIM_PREFIX}-")


def billed_once(ctx: Context) -> Iterator[Finding]:
    """One error per set of documents, naming their numbers and the dates of the visits they hold."""
    held: dict[tuple[str, ...], list[Visit]] = {}
    for visit in ctx.data.visits:
        numbers = ctx.data.billed.get(visit.key)
        if numbers:
            held.setdefault(tuple(numbers), []).append(visit)
    for numbers, visits in held.items():
        dates = listing(day(visit.date) for visit in visits)
        which = f"The visit on {dates} is" if len(visits) == 1 else f"The visits on {dates} are"
        it = "it" if len(visits) == 1 else "them"
        yield error(
            C.VISIT_ALREADY_BILLED,
            visit_field(visits[0], "date"),
            f"{which} already on {documents(numbers)}: each visit is billed once. Leave {it} out (choose "
            f"the visits not yet billed), {_copy_or_correct(numbers)}",
        )


def documents(numbers: Sequence[str]) -> str:
    """ "superbill SB-2026-0001", "claims CL-2026-0001 and CL-2026-0002", "superbill SB-… and claim CL-…"."""
    superbills = [n for n in numbers if not is_claim_number(n)]
    claims = [n for n in numbers if is_claim_number(n)]
    named = [
        f"{kind if len(group) == 1 else kind + 's'} {listing(group)}"
        for kind, group in (("superbill", superbills), ("claim", claims))
        if group
    ]
    return " and ".join(named)


def _copy_or_correct(numbers: Sequence[str]) -> str:
    last = numbers[-1]
    if is_claim_number(last):
        return (
            f"write claim {last} again (--claim {last}) for a copy, or send a claim that replaces it "
            "(--replaces) to correct it."
        )
    return f"reprint {last} for a copy, or reissue it to correct it."


RULES = (billed_once,)
