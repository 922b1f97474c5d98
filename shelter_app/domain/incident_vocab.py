"""The words of an incident (services/residents/incidents.py): its kinds, its
severities (low; serious and critical alert the manager) and whom it was told to."""

from __future__ import annotations

from shelter_app.i18n import N_, _

KINDS = {
    "trafficker_seen": N_("Trafficker seen"),
    "threat": N_("Threat"),
    "missing": N_("Resident missing"),
    "self_harm": N_("Self-harm"),
    "health": N_("Health emergency"),
    "conflict": N_("Conflict between residents"),
    "other": N_("Other incident"),
}
LOW, SERIOUS, CRITICAL = "low", "serious", "critical"
SEVERITIES = {LOW: N_("Low"), SERIOUS: N_("Serious"), CRITICAL: N_("Critical")}
ALERTING = (SERIOUS, CRITICAL)
# What a new incident of each kind starts at (the form can change it): a guard who left
# "low" on a trafficker seen at the gate once raised no alert at all.
SEVERITY_OF_KIND = {"trafficker_seen": CRITICAL, "missing": CRITICAL, "self_harm": CRITICAL,
                    "threat": SERIOUS, "health": SERIOUS, "conflict": LOW, "other": LOW}
TOLD = {
    "police": N_("Police"),
    "family": N_("Family"),
    "referrer": N_("Referring institution"),
    "other": N_("Others"),
}


def kind_label(code: str) -> str:
    return _(KINDS[code]) if code in KINDS else code


def severity_label(code: str) -> str:
    return _(SEVERITIES[code]) if code in SEVERITIES else code


def told_label(code: str) -> str:
    return _(TOLD[code]) if code in TOLD else code
