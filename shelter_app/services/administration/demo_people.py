"""Generated residents for the demo shelter and the benchmarks. Nobody here is real:
names are drawn from syllables, NIKs are made to pass the checksum-free format check."""

from __future__ import annotations

import datetime as dt
import random

from stdnum.id import nik as stdnum_nik

from shelter_app.domain import rules
from shelter_app.domain.vocab import (
    CaseStage,
    ControlMethod,
    DischargeReason,
    ExploitationType,
    Modus,
    RecruitmentMethod,
    store_many,
)
from shelter_app.i18n import places

FIRST_F = ("Sri", "Dewi", "Nur", "Siti", "Ayu", "Rina", "Wulan", "Indah", "Lestari", "Putri",
           "Ani", "Yuli", "Rahma", "Fitri", "Maya", "Tari", "Eka", "Dian", "Ratna", "Sari")
FIRST_M = ("Budi", "Agus", "Joko", "Rudi", "Andi", "Wahyu", "Hendra", "Bayu", "Arif", "Dimas",
           "Eko", "Yusuf", "Fajar", "Rizki")
SYLLABLES = ("ka", "ra", "ti", "wa", "ni", "sa", "ma", "di", "ya", "lu", "so", "pu", "han",
             "sih", "jat", "mul", "tan", "win", "dar", "yan")
PSEUDONYMS = ("Mawar", "Melati", "Anggrek", "Kenanga", "Cempaka", "Dahlia", "Teratai",
              "Kamboja", "Seruni", "Tulip")
PLACES_FROM = ("Bandara Soekarno-Hatta", "Pelabuhan Tanjung Priok", "Terminal Kampung "
               "Rambutan", "Pos Lintas Batas Entikong", "Pelabuhan Batam Centre",
               "Polda Metro Jaya")
EVACUATED_BY = ("Polres", "P2TP2A", "BP2MI", "LSM pendamping", "KBRI")
EXPLOITED_IN = {"MY": "Johor Bahru", "SA": "Riyadh", "HK": "Kowloon", "TW": "Taichung",
                "SG": "Singapura", "ID": "Batam", "AE": "Dubai", "KH": "Sihanoukville"}
MODUS_TYPES = {
    Modus.MIGRANT_LABOUR: [ExploitationType.FORCEDLABOUR, ExploitationType.SERVITUDE],
    Modus.SEXUAL: [ExploitationType.SEXUALEXPLOITATION],
    Modus.FORCED_LABOUR: [ExploitationType.FORCEDLABOUR],
    Modus.FAKE_TRAINING: [ExploitationType.CHILDLABOUR, ExploitationType.FORCEDLABOUR],
    Modus.ABDUCTION: [ExploitationType.SEXUALEXPLOITATION, ExploitationType.FORCEDBEGGING],
    Modus.MAIL_ORDER_BRIDE: [ExploitationType.FORCEDMARRIAGE],
    Modus.CONTRACT_MARRIAGE: [ExploitationType.FORCEDMARRIAGE,
                              ExploitationType.SEXUALEXPLOITATION],
}
NIK_PROVINCES = {"ID-JB": "32", "ID-JT": "33", "ID-JI": "35", "ID-NB": "52", "ID-NT": "53",
                 "ID-KB": "61", "ID-BT": "36", "ID-LA": "18"}
REGENCIES = {"ID-JB": "Kabupaten Indramayu", "ID-JT": "Kabupaten Cilacap",
             "ID-JI": "Kabupaten Malang", "ID-NB": "Kabupaten Lombok Timur",
             "ID-NT": "Kabupaten Kupang", "ID-KB": "Kabupaten Sambas",
             "ID-BT": "Kabupaten Serang", "ID-LA": "Kabupaten Lampung Timur"}


def name(rng: random.Random, sex: str) -> str:
    family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{rng.choice(FIRST_F if sex == 'F' else FIRST_M)} {family}"


def birth_date(rng: random.Random, on: dt.date) -> dt.date:
    draw = rng.random()
    age = (rng.randint(12, 17) if draw < 0.22 else rng.randint(60, 66) if draw > 0.95
           else rng.randint(18, 45))
    return on - dt.timedelta(days=age * 365 + rng.randint(0, 364))


def nik(rng: random.Random, province: str, sex: str, born: dt.date) -> str | None:
    code = NIK_PROVINCES.get(province)
    if code is None:
        return None
    day = born.day + (40 if sex == "F" else 0)
    number = (f"{code}{rng.randint(1, 20):02d}{rng.randint(1, 15):02d}{day:02d}"
              f"{born.month:02d}{born.year % 100:02d}{rng.randint(1, 9999):04d}")
    try:
        return stdnum_nik.validate(number)
    except ValueError:
        return None


def person_values(rng: random.Random, number: int, admitted: dt.date, today: dt.date,
                  *, hidden_share: float = 0.1) -> dict:
    sex = "F" if rng.random() < 0.72 else "M"
    born = birth_date(rng, admitted)
    province = rng.choice(list(NIK_PROVINCES) + [c for c, _n in places.provinces()[:4]])
    modus = rng.sample(list(Modus), k=1 if rng.random() < 0.8 else 2)
    if rules.age_group(born, admitted).value == "child" and rng.random() < 0.5:
        modus = [Modus.FAKE_TRAINING]
    types = sorted({t for m in modus for t in MODUS_TYPES[m]})
    country = rng.choice(list(EXPLOITED_IN))
    hidden = rng.random() < hidden_share
    full_name = name(rng, sex)
    return _fitting_age(born, admitted, {
        "case_number": f"RA-{admitted.year}-{number:04d}", "full_name": full_name,
        "alias": "", "sex": sex, "birth_date": born,
        "birth_date_estimated": rng.random() < 0.15,
        "nik": nik(rng, province, sex, born) if rng.random() < 0.5 else None,
        "nationality": "ID", "languages": store_many(dict.fromkeys(["ind", rng.choice(
            ["jav", "sun", "mad", "ind"])])),
        "province": province, "regency": REGENCIES.get(province, ""),
        "education": rng.choice(["primary", "junior", "senior", "junior", "none"]),
        "marital_status": "single" if born > admitted - dt.timedelta(days=365 * 20)
        else rng.choice(["single", "married", "divorced"]),
        "children": rng.choice([0, 0, 1, 2]), "disability": "", "pregnant": False,
        "modus": store_many(modus), "exploitation_types": store_many(types),
        "control_methods": store_many(sorted(rng.sample(list(ControlMethod)[:15], k=2))),
        "recruitment_methods": store_many([rng.choice(list(RecruitmentMethod)[:9])]),
        "exploitation_country": country, "exploitation_place": EXPLOITED_IN[country],
        "police_report_number": (f"LP/B/{rng.randint(100, 999)}/{admitted.year}/SPKT"
                                 if rng.random() < 0.6 else ""),
        "lpsk_protection": rng.random() < 0.2, "consent_services_on": admitted,
        "consent_services_witness": "Petugas jaga", "consent_sharing_on":
            admitted if rng.random() < 0.7 else None,
        "consent_sharing_witness": "Petugas jaga",
        "risk_level": rng.choice(["low", "medium", "medium", "high"]),
        "hidden_identity": hidden,
        "pseudonym": f"{rng.choice(PSEUDONYMS)} {number % 97}" if hidden else "",
        "stage": list(CaseStage)[min(len(CaseStage) - 1, (today - admitted).days // 12)],
    })


# schooling a child can have had by an age (SD from 7, SMP from 13, SMA from 16)
_SCHOOL_BY_AGE = ((13, ("none", "primary")), (16, ("none", "primary", "junior")))


def _fitting_age(born: dt.date, admitted: dt.date, values: dict) -> dict:
    """The drawn values made to fit the age at admission (after drawing, so the people
    after are drawn as before): no children under 16 and one at most under 18; no more
    schooling than the age allows."""
    age = rules.age_on(born, admitted)
    if age < 16:
        values["children"] = 0
    elif age < rules.CHILD_UNTIL:
        values["children"] = min(values["children"], 1)
    for below, possible in _SCHOOL_BY_AGE:
        if age < below and values["education"] not in possible:
            values["education"] = possible[-1]
            break
    return values


def stay_values(rng: random.Random, admitted: dt.date, today: dt.date) -> dict:
    length = rng.choice((2, 5, 7, 9, 12, 14, 16, 21, 30, 45))
    discharged = admitted + dt.timedelta(days=length)
    closed = discharged <= today
    return {
        "admission_date": admitted, "discharge_date": discharged if closed else None,
        "evacuated_on": admitted - dt.timedelta(days=rng.choice((0, 0, 1))),
        "evacuated_from": rng.choice(PLACES_FROM), "evacuated_by": rng.choice(EVACUATED_BY),
        "referred_by": rng.choice(("Polres", "P2TP2A", "Dinas Sosial", "BP2MI")),
        "discharge_reason": rng.choice(list(DischargeReason)[:4]).value if closed else "",
        "discharge_destination": rng.choice(("Keluarga di daerah asal", "RPSA",
                                             "RPTC", "Rumah kerabat")) if closed else "",
    }
