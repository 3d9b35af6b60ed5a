"""What a claim would cover for one patient, for the app's claim dialog: the payers the visits bill,
each with its visits and which of them a claim in force already holds, and a choice's claim checked.

Issuing itself is `app.services.claims.issue_claim`; the command line takes its visits by dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.check import Finding
from app.domain.claim import Claim, is_claimable
from app.domain.practice import Payer
from app.services.claims import ClaimRequest, prepare_claim
from app.services.superbill_choice import VisitOption, visit_options
from app.services.superbills import Period
from app.services.workspace import Workspace


@dataclass(frozen=True)
class ClaimVisit:
    visit: VisitOption
    claimed_by: str | None  # the claim in force that already bills it to this payer


@dataclass(frozen=True)
class PayerVisits:
    """A payer the patient's visits bill, with those visits (newest first)."""

    payer: Payer
    visits: tuple[ClaimVisit, ...]

    @property
    def unclaimed(self) -> tuple[str, ...]:
        return tuple(v.visit.key for v in self.visits if v.claimed_by is None)


def payer_visits(workspace: Workspace, patient_key: str, today: date) -> list[PayerVisits]:
    """Each payer that takes claims and that the patient's visits bill, in the order of the payers list."""
    store = workspace.store
    chart = store.chart(patient_key)
    options = {o.key: o for o in visit_options(workspace, patient_key, today)}
    billed: dict[str, list[str]] = {}
    for visit in chart.visits:
        coverage = chart.coverage(visit.coverage)
        if coverage is not None:
            billed.setdefault(coverage.payer, []).append(visit.key)
    found: list[PayerVisits] = []
    for payer in store.payers():
        keys = billed.get(payer.key)
        if not keys or not is_claimable(payer.kind):
            continue
        claimed = store.claimed_visits(patient_key, payer.key)
        visits = sorted((options[k] for k in keys), key=lambda o: o.date, reverse=True)
        found.append(PayerVisits(payer, tuple(ClaimVisit(v, claimed.get(v.key)) for v in visits)))
    return found


def claim_request(
    patient_key: str,
    payer: str,
    visits: frozenset[str],
    format: str,
    *,
    draft: bool = False,
    receiver: str = "",
) -> ClaimRequest:
    return ClaimRequest(
        patient=patient_key,
        period=Period(visits=visits),
        format=format,
        payer=payer,
        draft=draft,
        receiver=receiver or None,
    )


def judge_claim(workspace: Workspace, request: ClaimRequest, today: date) -> tuple[Claim, list[Finding]]:
    """The claim the request would give and the check's findings, errors first (ValidationError when
    it holds no visit billed to the payer)."""
    claim, findings = prepare_claim(workspace.store, workspace.codes, request, today)
    return claim, sorted(findings, key=lambda f: not f.is_error)
