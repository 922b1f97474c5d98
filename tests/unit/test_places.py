import re
import unicodedata

from shelter_app import i18n
from shelter_app.i18n import places


def test_all_38_provinces_are_offered_sorted_by_name():
    offered = places.provinces()
    names = [name for _code, name in offered]
    assert len(offered) == 38
    assert names == sorted(names)
    assert dict(offered)["ID-JK"] == "DKI Jakarta"
    assert dict(offered)["ID-YO"] == "DI Yogyakarta"
    papua = {code for code, name in offered if name.startswith("Papua")}
    assert papua == {"ID-PA", "ID-PB", "ID-PD", "ID-PE", "ID-PS", "ID-PT"}  # 2022 split
    assert "Papua Pegunungan" in names  # ISO's name; pycountry spells it "Pengunungan"
    assert not {"Jawa", "Sumatera", "Kalimantan"} & set(names)  # islands, not provinces


def test_a_stored_province_code_is_named_and_checked_by_the_same_list():
    assert places.province_name("ID-YO") == "DI Yogyakarta"
    assert places.province_name("ID-JW") == "ID-JW"  # Java is an island group


def test_countries_are_named_as_indonesians_name_them():
    i18n.set_language("id")
    named = dict(places.countries())
    assert named["DE"] == "Jerman" and named["SA"] == "Arab Saudi"
    assert named["CN"] == "Tiongkok" and named["TW"] == "Taiwan"  # not "Provinsi China"
    assert named["TL"] == "Timor-Leste"  # never "Timor Timur"
    assert (named["KR"], named["LA"], named["RU"], named["CZ"]) == (
        "Korea Selatan", "Laos", "Rusia", "Ceko")
    assert not [name for name in named.values()  # never the list form "Iran, Republik Islam"
                if "Perancis" in name or re.search(r", (Republik|Negara|Provinsi)", name)]
    assert places.country_name("MY") == "Malaysia"


def test_countries_are_named_in_english_by_their_common_names():
    i18n.set_language("en")
    assert places.country_name("DE") == "Germany"
    assert places.country_name("KR") == "South Korea"
    assert places.country_name("TW") == "Taiwan"
    assert not [name for _code, name in places.countries()
                if re.search(r", (The|Republic|State|Federated|British)", name)]


def test_the_country_list_starts_with_indonesia_then_goes_by_the_alphabet():
    for language in ("id", "en"):
        i18n.set_language(language)
        offered = places.countries()
        assert offered[0][0] == "ID"
        names = [_fold(name) for _code, name in offered[1:]]
        assert names == sorted(names)
        assert len(offered) == len({name for _code, name in offered})
    i18n.set_language("id")
    codes = [code for code, _name in places.countries()]
    # "Kepulauan Åland" sorts under K, between Kenya and the Cayman Islands
    assert codes.index("KE") < codes.index("AX") < codes.index("KY")


def test_languages_are_named_in_the_users_language():
    i18n.set_language("id")
    assert [name for _code, name in places.common_languages()][:3] == [
        "Indonesia", "Jawa", "Sunda"]
    assert places.language_name("msa") == "Melayu"
    i18n.set_language("en")
    assert places.language_name("msa") == "Malay"
    assert places.language_name("jav") == "Javanese"


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
