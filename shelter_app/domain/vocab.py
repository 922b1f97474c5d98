"""The coded values a record holds (stored as the code, shown as a translated label).

HTCDS 2.0 picklists keep the standard's own codes so cases can later be exported in it;
tests/unit/test_vocab.py checks them against resources/reference/htcds-2.0-fields.tsv.
"""

from __future__ import annotations

from enum import StrEnum

from shelter_app.i18n import N_, _


class Coded(StrEnum):
    """A stored code with a label in the user's language."""

    @property
    def label(self) -> str:
        return _(type(self)._labels[self.value])

    @classmethod
    def parse_many(cls, stored: str) -> list[Coded]:
        return [cls(code) for code in stored.strip(",").split(",") if code]


def coded(name: str, labels: dict[str, str],
          names: dict[str, str] | None = None) -> type[Coded]:
    """An enum of `labels`' codes, each member named as its code in capitals, or as
    `names` says where the code is not a name (CaseStage.PLAN for "3")."""
    names = names or {}
    cls = Coded(name, [(names.get(code, code.upper()), code) for code in labels])
    cls._labels = labels
    return cls


def store_many(values) -> str:
    """Several codes in one column, delimited at both ends so a filter can match
    `,code,` exactly."""
    return "," + ",".join(str(value) for value in values) + "," if values else ""


Sex = coded("Sex", {"F": N_("Female"), "M": N_("Male")})
AgeGroup = coded("AgeGroup", {"child": N_("Child (under 18)"), "adult": N_("Adult (18-59)"),
                              "elderly": N_("Elderly (60 and over)")})

# BAB I A and D.8-D.14 of the guide: the seven modus operandi seen most.
Modus = coded("Modus", {
    "migrant_labour": N_("Migrant-labour exploitation"),
    "sexual": N_("Sexual exploitation / prostitution"),
    "forced_labour": N_("Forced labour"),
    "fake_training": N_("Fake training / apprenticeship"),
    "abduction": N_("Abduction"),
    "mail_order_bride": N_("Mail-order bride"),
    "contract_marriage": N_("Contract marriage"),
})

# BAB III A: the six stages of empowerment, a case's path.
CaseStage = coded("CaseStage", {
    "1": N_("1. Initial approach"),
    "2": N_("2. Exploring the problem"),
    "3": N_("3. Empowerment plan"),
    "4": N_("4. Carrying out the plan"),
    "5": N_("5. Placement by interest"),
    "6": N_("6. Follow-up and termination"),
}, names={"1": "APPROACH", "2": "EXPLORING", "3": "PLAN", "4": "CARRYING_OUT",
          "5": "PLACEMENT", "6": "FOLLOW_UP"})

RiskLevel = coded("RiskLevel", {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")})

Education = coded("Education", {
    "none": N_("No schooling"), "primary": N_("Primary school (SD)"),
    "junior": N_("Junior high school (SMP)"), "senior": N_("Senior high school (SMA/SMK)"),
    "higher": N_("Diploma or university"), "unknown": N_("Unknown"),
})

MaritalStatus = coded("MaritalStatus", {
    "single": N_("Single"), "married": N_("Married"), "divorced": N_("Divorced"),
    "widowed": N_("Widowed"), "unknown": N_("Unknown"),
})

RoomDesignation = coded("RoomDesignation", {
    "female": N_("Women"), "male": N_("Men"), "children": N_("Children"),
    "family": N_("Family"),
    "counselling": N_("Counselling room (no beds)"),
})
COUNSELLING_ROOM = "counselling"

DischargeReason = coded("DischargeReason", {
    "family_reintegration": N_("Returned to family"),
    "referred": N_("Referred to another institution"),
    "repatriated": N_("Repatriated"),
    "independent": N_("Living independently"),
    "left": N_("Left of own accord"),
    "transferred": N_("Moved to another shelter"),  # a case transfer (residents/transfer.py)
    "other": N_("Other"),
})

Relation = coded("Relation", {
    "parent": N_("Parent"), "spouse": N_("Spouse"), "child": N_("Child"),
    "sibling": N_("Sibling"), "relative": N_("Other relative"), "friend": N_("Friend"),
    "guardian": N_("Guardian"), "employer": N_("Employer"), "other": N_("Other"),
})

# HTCDS 2.0: vic_TypeOfExploitation, vic_MethodsOfControl, vic_MethodOfRecruitment.
ExploitationType = coded("ExploitationType", {
    "ForcedLabour": N_("Forced labour"), "SexualExploitation": N_("Sexual exploitation"),
    "ChildLabour": N_("Child labour"), "ForcedMarriage": N_("Forced marriage"),
    "Servitude": N_("Servitude"),
    "ForcedMilitaryByNonStateActors": N_("Forced military (by non-state actors)"),
    "OrganRemoval": N_("Organ removal"), "ForcedBegging": N_("Forced begging"),
    "ForcedAdoption": N_("Forced adoption"), "Surrogacy": N_("Surrogacy"),
    "Other": N_("Other"),
})

ControlMethod = coded("ControlMethod", {
    "PhysicalThreats": N_("Physical threats"),
    "ThreatsLawEnforcement": N_("Threats of law enforcement"),
    "ThreatensChildrenFamily": N_("Threatens children/family"),
    "DebtBondage": N_("Debt bondage"), "FalsePromises": N_("False promises"),
    "PhysicalAbuse": N_("Physical abuse"), "SexualAbuse": N_("Sexual abuse"),
    "TakesEarnings": N_("Takes earnings"),
    "RestrictsFinancialAccess": N_("Restricts financial access"),
    "RestrictsMedicalCare": N_("Restricts medical care"),
    "WithholdsNecessities": N_("Withholds necessities"),
    "PsychologicalAbuse": N_("Psychological abuse"),
    "PsychoactiveSubstance": N_("Psychoactive substance"),
    "ExcessiveWorkingHours": N_("Excessive working hours"),
    "WithholdsDocuments": N_("Withholds documents"), "Other": N_("Other"),
})

RecruitmentMethod = coded("RecruitmentMethod", {
    "AtAPlaceOfBusiness": N_("At a place of business"),
    "AtAnEducationalInstitution": N_("At an educational institution"),
    "AtWork": N_("At work"),
    "ThroughOnlineSocialNetworks": N_("Through online social networks"),
    "ThroughAnOnlineAdvertisement": N_("Through an online advertisement"),
    "ThroughATelevisionAdvert": N_("Through a television advert"),
    "ThroughANewspaperAdvert": N_("Through a newspaper advert"),
    "ThroughFamilyOrFamilyEvents": N_("Through family or family events"),
    "ThroughFriendsOrSocialEvents": N_("Through friends or social events"),
    "Other": N_("Other"),
})

HTCDS_FIELDS = {
    "vic_TypeOfExploitation": ExploitationType,
    "vic_MethodsOfControl": ControlMethod,
    "vic_MethodOfRecruitment": RecruitmentMethod,
}

# BAB II C.3.b.4: jaminan hidup, meals, clothing and other minimal physical needs.
ProvisionCategory = coded("ProvisionCategory", {
    "permakanan": N_("Meals (permakanan)"), "sandang": N_("Clothing (sandang)"),
    "kebersihan": N_("Hygiene (kebersihan)"), "kesehatan": N_("Health (kesehatan)"),
    "lainnya": N_("Other (lainnya)"),
})

Window = coded("Window", {
    "1": N_("Stage 1 (days 1-7)"), "2": N_("Stage 2 (days 8-14)"),
    "extension": N_("Extension (day 15 on)"),
}, names={"1": "STAGE_ONE", "2": "STAGE_TWO"})
# The decisions a stay needs to go on past a window: the review into stage 2
# (counsellor or manager) and a manager's extension past day 14.
DecisionKind = coded("DecisionKind", {
    "stage2": N_("Review: into stage 2"), "extension": N_("Extension past day 14"),
}, names={"stage2": "STAGE_TWO_REVIEW"})

# BAB III stages 2-4: the kinds of counselling session the guide names.
SessionKind = coded("SessionKind", {
    "individual": N_("Individual counselling"),
    "group": N_("Group therapy"),
    "family": N_("Family counselling"),
})
SessionStatus = coded("SessionStatus", {
    "planned": N_("Planned"),
    "held": N_("Held"),
    "cancelled": N_("Cancelled"),
    "no_show": N_("No-show"),
})
# BAB II C.3.b.3: the domains an assessment looks at and a plan's goals belong to.
NeedDomain = coded("NeedDomain", {
    "physical": N_("Physical"),
    "psychological": N_("Psychological"),
    "economic": N_("Economic"),
    "social": N_("Social"),
    "legal": N_("Legal"),
    "health": N_("Health, incl. reproductive health and HIV"),
})
GoalStatus = coded("GoalStatus", {
    "planned": N_("Not started"),
    "in_progress": N_("In progress"),
    "achieved": N_("Achieved"),
    "dropped": N_("Dropped"),
})

# Partner institutions: the guide's list (BAB III B), each with its HTCDS 2.0 org_Type.
InstitutionType = coded("InstitutionType", {
    "police": N_("Police"),
    "prosecutor": N_("Prosecutor's office"),
    "lpsk": N_("LPSK (witness and victim protection)"),
    "legal_aid": N_("Legal aid"),
    "hospital": N_("Hospital"),
    "puskesmas": N_("Puskesmas"),
    "rpsw": N_("RPSW (women's social protection home)"),
    "rpsa": N_("RPSA (children's social protection home)"),
    "rptc": N_("RPTC (trauma centre)"),
    "p2tp2a": N_("P2TP2A / UPTD PPA"),
    "ministry": N_("Ministry"),
    "local_government": N_("Local government office (Dinas)"),
    "immigration": N_("Immigration"),
    "ngo": N_("NGO"),
    "company": N_("Company"),
    "school": N_("School or training centre"),
})
HTCDS_ORG_TYPE = {
    "police": "LawEnforcement", "prosecutor": "LawEnforcement",
    "lpsk": "CentralGovernmentOrganisation", "legal_aid": "LegalService",
    "hospital": "HealthServiceOrganisation", "puskesmas": "HealthServiceOrganisation",
    "rpsw": "CentralGovernmentOrganisation", "rpsa": "CentralGovernmentOrganisation",
    "rptc": "CentralGovernmentOrganisation", "p2tp2a": "LocalGovernmentOrganisation",
    "ministry": "CentralGovernmentOrganisation",
    "local_government": "LocalGovernmentOrganisation", "immigration": "ImmigrationService",
    "ngo": "NGO", "company": "CorporateBusiness", "school": "SchoolOrCollege",
}
# What a referral asks for (BAB III B: the services a survivor is referred to).
ServiceDomain = coded("ServiceDomain", {
    "legal_litigation": N_("Legal: litigation"),
    "legal_non_litigation": N_("Legal: non-litigation"),
    "economic": N_("Economic"),
    "education": N_("Education"),
    "health_medical": N_("Health: medical"),
    "health_psychological": N_("Health: psychological"),
    "health_reproductive": N_("Health: reproductive"),
    "health_hiv": N_("Health: HIV"),
    "social_rehabilitation": N_("Social rehabilitation"),
    "family_reintegration": N_("Family reintegration"),
    "repatriation": N_("Repatriation"),
})
Urgency = coded("Urgency", {"routine": N_("Routine"), "urgent": N_("Urgent"),
                            "emergency": N_("Emergency")})
# How a referral may share the person's data: she agreed, or a manager's reason.
ReferralConsent = coded("ReferralConsent", {"recorded": N_("Recorded"),
                                            "override": N_("Override")})
ReferralStatus = coded("ReferralStatus", {
    "draft": N_("Draft"),
    "sent": N_("Sent"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
})
# BAB III stage 4 (d.5, d.6): skills training by interest and talent, and community
# activities; a course's skill says which.
CourseSkill = coded("CourseSkill", {
    "sewing": N_("Sewing and tailoring"),
    "cooking": N_("Cooking and catering"),
    "beauty": N_("Beauty and hairdressing"),
    "handicraft": N_("Handicraft"),
    "computer": N_("Computer and office work"),
    "language": N_("Language"),
    "farming": N_("Farming and livestock"),
    "business": N_("Small business and finance"),
    "literacy": N_("Reading, writing, schooling"),
    "community": N_("Community activity"),
    "other": N_("Other skill"),
})
ParticipantStatus = coded("ParticipantStatus", {
    "enrolled": N_("Taking part"), "completed": N_("Completed"), "dropped": N_("Left early"),
})
# BAB III stage 5: placement by interest, and how it went at the follow-up visits.
PlacementKind = coded("PlacementKind", {
    "work": N_("Work"),
    "school": N_("School or further training"),
    "business": N_("Own business"),
    "family": N_("Return to the family"),
})
PlacementStatus = coded("PlacementStatus", {
    "planned": N_("Planned"), "started": N_("Started"), "ended": N_("Ended"),
})
PlacementOutcome = coded("PlacementOutcome", {
    "going_well": N_("Going well"),
    "difficulties": N_("Has difficulties"),
    "ended": N_("Ended"),
})
FollowUpStatus = coded("FollowUpStatus", {"planned": N_("Planned"), "done": N_("Visited"),
                                          "missed": N_("Not reached")})


class ClosureKind(StrEnum):
    """A case's termination record (BAB III stage 6) and its reopening, in that order."""

    CLOSED = "closed"
    REOPENED = "reopened"
