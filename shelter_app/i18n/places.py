"""Countries, Indonesian provinces and languages from pycountry, named in the user's
language through pycountry's own translations (and the names staff use where those
read like a list entry)."""

from __future__ import annotations

import functools
import gettext
import unicodedata

import pycountry

from shelter_app.i18n import current_language

# The languages shelters meet most; any ISO 639-3 code is accepted.
COMMON_LANGUAGES = ("ind", "jav", "sun", "mad", "min", "bug", "ban", "msa", "eng", "ara",
                    "zho", "tgl", "tha", "vie", "khm", "mya")


@functools.cache
def _translation(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language],
                               fallback=True)


# Where pycountry's names differ from what people write: list forms ("Palestine, State
# of"), official long forms ("Republik Arab Syria"), the outdated "Timor Timur", "Cina"
# (Tiongkok since Keppres 12/2014), names left untranslated ("Czechia").
_COUNTRY_NAMES = {
    "id": {
        "BO": "Bolivia", "BQ": "Bonaire, Sint Eustatius, dan Saba",
        "CD": "Republik Demokratik Kongo", "CG": "Kongo", "CN": "Tiongkok",
        "CV": "Tanjung Verde", "CX": "Pulau Christmas", "CZ": "Ceko", "DJ": "Jibuti",
        "ET": "Etiopia", "FM": "Mikronesia", "GB": "Inggris", "IR": "Iran", "LA": "Laos",
        "MD": "Moldova", "MO": "Makau", "PS": "Palestina", "RU": "Rusia", "SY": "Suriah",
        "TF": "Wilayah Selatan Prancis", "TL": "Timor-Leste", "TW": "Taiwan",
        "VA": "Vatikan", "VE": "Venezuela", "VG": "Kepulauan Virgin Inggris",
        "VI": "Kepulauan Virgin Amerika Serikat",
    },
    "en": {
        "CD": "Democratic Republic of the Congo", "FM": "Micronesia", "PS": "Palestine",
        "RU": "Russia", "VA": "Vatican City", "VG": "British Virgin Islands",
        "VI": "United States Virgin Islands",
    },
}
_INDONESIAN_SPELLING = {"Perancis": "Prancis"}  # KBBI's spelling


def country_name(alpha_2: str) -> str:
    """The country in the user's language, by the name people use ("South Korea", not
    "Korea, Republic of")."""
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    if country is None:
        return alpha_2
    language = current_language()
    special = _COUNTRY_NAMES.get(language, {})
    if country.alpha_2 in special:
        return special[country.alpha_2]
    translation = _translation("iso3166-1", language)
    common = getattr(country, "common_name", None)
    name = translation.gettext(common or country.name)
    if common and name == common:  # no translation of the common name: try the official
        official = translation.gettext(country.name)
        name = official if official != country.name else common
    for old, new in _INDONESIAN_SPELLING.items() if language == "id" else ():
        name = name.replace(old, new)
    return name


def sort_key(name: str) -> str:
    """Alphabetical as people read it: "Kepulauan Åland" under K, beside "Kenya"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.casefold()


def countries() -> list[tuple[str, str]]:
    """(code, name) in the user's language, Indonesia first, then by name."""
    pairs = sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries),
                   key=lambda pair: sort_key(pair[1]))
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


# Where pycountry's names read oddly in a list of languages someone speaks.
_LANGUAGE_NAMES = {"id": {"ind": "Indonesia", "msa": "Melayu", "zho": "Tionghoa",
                          "mya": "Myanmar"},
                   "en": {"msa": "Malay"}}


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_3=code)
    if language is None:
        return code
    special = _LANGUAGE_NAMES.get(current_language(), {})
    if code in special:
        return special[code]
    return _translation("iso639-3", current_language()).gettext(language.name)


def common_languages() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in COMMON_LANGUAGES]


def is_language(code: str) -> bool:
    return pycountry.languages.get(alpha_3=code) is not None
