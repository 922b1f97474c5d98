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
