"""How long one CMS-1500 claim form takes, against a one-page superbill rendered in the same run.

Budget: one claim form (the plain form: the whole drawing and the data) at most 2x a one-page
superbill of the same visits. Warm medians, the two alternated run by run. Run from the
repository root: `python -m bench.claims`.
"""

from __future__ import annotations

from app.domain.check.claim import paper_findings
from app.domain.claim import build_claim
from app.render.cms1500 import FormKind, render_cms1500
from app.render.cms1500.items import cut_texts
from app.render.superbill import SuperbillRenderer
from bench.render import _DESCRIPTIONS, median_ms, median_ratio, statement

CLAIM_RATIO_BUDGET = 2.0


def measure(runs: int = 21) -> dict[str, float]:
    data = statement(1)
    renderer = SuperbillRenderer(describe=_DESCRIPTIONS.get)
    coverage = data.chart.coverages[0]
    claim = build_claim(data, coverage, data.payers[coverage.payer], number="CL-2026-0001")

    def superbill() -> bytes:
        return renderer.render(data)

    def plain() -> bytes:
        return render_cms1500(claim, FormKind.PLAIN)

    def red() -> bytes:
        return render_cms1500(claim, FormKind.RED)

    def paper_checks() -> object:  # what only paper adds to the check: text cut to its box, and the rest
        return paper_findings(claim, cut_texts(claim))

    superbill(), plain(), red()  # warm: fonts and modules loaded
    return {
        "claims.one_page_superbill_ms": median_ms(superbill, runs),
        "claims.plain_form_ms": median_ms(plain, runs),
        "claims.red_form_ms": median_ms(red, runs),
        "claims.plain_form_ratio_vs_superbill": median_ratio(plain, superbill, runs),
        "claims.paper_checks_ms": median_ms(paper_checks, runs),
        "claims.paper_checks_ratio_vs_plain_form": median_ratio(paper_checks, plain, runs),
    }


def main() -> int:
    figures = measure()
    for name, value in figures.items():
        print(f"{name}: {value:.2f}")
    ratio = figures["claims.plain_form_ratio_vs_superbill"]
    met = ratio <= CLAIM_RATIO_BUDGET
    print(
        f"one claim form <= {CLAIM_RATIO_BUDGET}x a one-page superbill: {ratio:.2f}x, {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
