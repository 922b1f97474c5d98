"""Countries, Indonesian provinces and languages from pycountry, named in the user's
language through pycountry's own translations."""

from __future__ import annotations

import functools
import gettext

import pycountry

from shelter_app.i18n import current_language

# The languages shelters meet most; any ISO 639-3 code is accepted.
COMMON_LANGUAGES = ("ind", "jav", "sun", "mad", "min", "bug", "ban", "msa", "eng", "ara",
                    "zho", "tgl", "tha", "vie", "khm", "mya")


@functools.cache
def _translation(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language],
                               fallback=True)


def country_name(alpha_2: str) -> str:
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    if country is None:
        return alpha_2
    return _translation("iso3166-1", current_language()).gettext(country.name)


def countries() -> list[tuple[str, str]]:
    """(code, name) sorted by name, Indonesia first."""
    pairs = sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries),
                   key=lambda pair: pair[1])
    return sorted(pairs, key=lambda pair: pair[0] != "ID")


# ISO 3166-2:ID files Jakarta as a capital district and Yogyakarta as a special region,
# beside 36 provinces and 7 island groups: the 38 provinces are the first three kinds.
PROVINCE_TYPES = ("Province", "Capital district", "Special region")
# The names staff use where pycountry's differ ("Jakarta Raya"), and pycountry's typo for
# ISO's "Papua Pegunungan".
_PROVINCE_NAMES = {"ID-JK": "DKI Jakarta", "ID-YO": "DI Yogyakarta",
                   "ID-PE": "Papua Pegunungan"}


@functools.cache
def provinces() -> list[tuple[str, str]]:
    """(ISO 3166-2 code, name) of Indonesia's 38 provinces by name; the names are
    Indonesian. The one list the intake offers and the services check against."""
    return sorted(((s.code, _PROVINCE_NAMES.get(s.code, s.name))
                   for s in pycountry.subdivisions.get(country_code="ID")
                   if s.type in PROVINCE_TYPES), key=lambda pair: pair[1])


def province_name(code: str) -> str:
    return dict(provinces()).get(code, code)


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_3=code)
    if language is None:
        return code
    return _translation("iso639-3", current_language()).gettext(language.name)


def common_languages() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in COMMON_LANGUAGES]


def is_language(code: str) -> bool:
    return pycountry.languages.get(alpha_3=code) is not None
