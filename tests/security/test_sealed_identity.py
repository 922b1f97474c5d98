"""Sealing a real identity: it comes back whole only for its own person and field under
the managers' key; its size and its blind tokens say nothing of the name's length."""

import re

import pytest

from shelter_app.domain.errors import StorageError
from shelter_app.services.shared import sealed_identity as sealed

KEYS = sealed.Keys(seal=b"\x01" * 32, index=b"\x02" * 32)
OTHER_KEYS = sealed.Keys(seal=b"\x03" * 32, index=b"\x04" * 32)


def test_a_sealed_value_opens_only_for_its_person_and_field_under_its_key():
    blob = sealed.seal_value(KEYS.seal, 7, "full_name", "Zulaikha Quraisyin")
    assert sealed.open_value(KEYS.seal, 7, "full_name", blob) == "Zulaikha Quraisyin"
    assert b"Zulaikha" not in blob
    for key, person, field in ((KEYS.seal, 8, "full_name"), (KEYS.seal, 7, "alias"),
                               (OTHER_KEYS.seal, 7, "full_name")):
        with pytest.raises(StorageError, match="could not be opened"):
            sealed.open_value(key, person, field, blob)
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(StorageError):
        sealed.open_value(KEYS.seal, 7, "full_name", tampered)


def test_names_of_any_length_up_to_63_bytes_seal_to_the_same_size():
    sizes = {len(sealed.seal_value(KEYS.seal, 1, "full_name", name))
             for name in ("", "Ani", "Zulaikha Quraisyin Xaverina Kusumawardhani Putri")}
    assert len(sizes) == 1
    assert sealed.open_value(KEYS.seal, 1, "nik", sealed.seal_value(
        KEYS.seal, 1, "nik", "")) == ""


def test_the_same_name_seals_differently_each_time():
    assert sealed.seal_value(KEYS.seal, 1, "full_name", "Ani") != sealed.seal_value(
        KEYS.seal, 1, "full_name", "Ani")


def test_blind_tokens_find_every_prefix_and_only_under_the_managers_key():
    real = sealed.RealIdentity("Zulaikha Quraisyin", "Ika", "3201014105960001")
    tokens = sealed.index_tokens(KEYS, real).split()
    assert len(tokens) == sealed.TOKENS_PER_PERSON
    for word in ("z", "zulai", "zulaikha", "quraisyin", "ika", "320101", "3201014105960001"):
        assert sealed.token(KEYS.index, word) in tokens
    assert sealed.token(OTHER_KEYS.index, "zulaikha") not in tokens
    assert sealed.token(KEYS.index, "zulaikhaa") not in tokens
    # nothing but tokens: "t" and hex digits (a name's letters would show; "3201" can
    # turn up in a hex digest by chance, about one run in fifty)
    assert all(re.fullmatch(r"t[0-9a-f]+", token) for token in tokens)


def test_accents_and_case_are_read_as_the_search_reads_them():
    assert sealed.words("Zulaikhá QURAISYIN-Xaverina") == ["zulaikha", "quraisyin", "xaverina"]
