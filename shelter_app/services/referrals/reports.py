"""The referrals report: gathered here (permission checked, printing audited)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from shelter_app.domain.models import Institution, Person, Referral, ReferralEvent
from shelter_app.domain.roles import Permission
from shelter_app.reports.referrals import report as referral_report
from shelter_app.services.shared.reporting import Period, ReportOutput
from shelter_app.services.shared.workspace import Workspace


def gather(workspace: Workspace, wanted: Period) -> referral_report.ReferralReport:
    workspace.require(Permission.PRINT_REPORTS)
    with workspace.session() as session:
        rows = session.execute(
            select(Referral.id, Referral.domain, Referral.status, Referral.urgency,
                   Referral.consent, Institution.kind, Person.sex)
            .join(Institution, Institution.id == Referral.institution_id)
            .join(Person, Person.id == Referral.person_id)
            .where(Referral.created_on >= wanted.first,
                   Referral.created_on <= wanted.last)).all()
        steps: dict[int, dict[str, object]] = {}
        for referral_id, status, on in session.execute(
                select(ReferralEvent.referral_id, ReferralEvent.status, ReferralEvent.on)
                .join(Referral, Referral.id == ReferralEvent.referral_id)
                .where(Referral.created_on >= wanted.first,
                       Referral.created_on <= wanted.last)):
            steps.setdefault(referral_id, {})[status] = on
    by_domain_status: dict[tuple[str, str], int] = {}
    by_type: dict[str, int] = {}
    by_sex: dict[str, int] = {}
    by_urgency: dict[str, int] = {}
    overrides = 0
    waits = []
    for referral_id, domain, status, urgency, consent, kind, sex in rows:
        by_domain_status[(domain, status)] = by_domain_status.get((domain, status), 0) + 1
        by_type[kind] = by_type.get(kind, 0) + 1
        by_sex[sex] = by_sex.get(sex, 0) + 1
        by_urgency[urgency] = by_urgency.get(urgency, 0) + 1
        overrides += consent == "override"
        history = steps.get(referral_id, {})
        answered = history.get("accepted") or history.get("declined")
        if "sent" in history and answered is not None:
            waits.append((answered - history["sent"]).days)
    average = (Decimal(sum(waits)) / len(waits)).quantize(Decimal("0.1"), ROUND_HALF_UP) \
        if waits else None
    return referral_report.ReferralReport(wanted.first, wanted.last, by_domain_status,
                                          by_type, by_sex, by_urgency, overrides, average)


_output = ReportOutput(referral_report, gather, "report_referrals")
render, pdf, write = _output.render, _output.pdf, _output.write
