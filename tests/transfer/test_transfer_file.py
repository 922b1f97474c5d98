"""The transfer file: one clear message for each way it can be wrong, before anything is
received; a backup is not a transfer, and a transfer is not a backup."""

import json

import pytest

from shelter_app.domain.errors import AuthenticationError, InputError
from shelter_app.services.residents import records, transfer, transfer_payload
from shelter_app.storage import transfer_file
from tests.conftest import LIGHT_KDF
from tests.transfer.conftest import PASSPHRASE


@pytest.fixture
def sent(admin, sending, tmp_path):
    return transfer.export_case(admin, sending.dewi, "Rumah Aman Kupang",
                                tmp_path / "dewi.ratransfer", PASSPHRASE).path


def refused(receiving, path, passphrase=PASSPHRASE):
    with pytest.raises((InputError, AuthenticationError)) as error:
        transfer.open_incoming(receiving, path, passphrase)
    return error.value


def test_a_wrong_passphrase_is_told_as_such(receiving, sent):
    error = refused(receiving, sent, "not-the-passphrase")
    assert isinstance(error, AuthenticationError)
    assert "passphrase does not open" in str(error)


def test_a_changed_byte_or_a_cut_file_is_damaged(receiving, sent, tmp_path):
    content = sent.read_bytes()
    header_end = content.index(b"}}}") + 3
    nonce = content.index(b'"payload_nonce":"') + 17  # the header is bound into every chunk
    cases = {
        "last byte": content[:-1] + bytes([content[-1] ^ 1]),
        "in the header": content[:nonce] + (b"1" if content[nonce:nonce + 1] == b"0"
                                            else b"0") + content[nonce + 1:],
        "cut short": content[:-20],
        "cut after the header": content[:header_end + 1],
        "cut in the header": content[:30],
    }
    for name, changed in cases.items():
        path = tmp_path / f"{name}.ratransfer"
        path.write_bytes(changed)
        error = refused(receiving, path)
        assert isinstance(error, InputError), name
        assert "damaged or incomplete" in str(error), name
    assert records.overview(receiving).persons == 0


def test_other_files_are_not_transfers(receiving, tmp_path):
    for name, content in (("notes.txt", b"just some text"), ("empty", b"")):
        (tmp_path / name).write_bytes(content)
        assert "not a case transfer file" in str(refused(receiving, tmp_path / name))
    assert "folder" in str(refused(receiving, tmp_path))
    big = tmp_path / "big.ratransfer"
    with big.open("wb") as handle:
        handle.truncate(transfer_file.MAX_FILE + 10)
    assert "too big" in str(refused(receiving, big))


def _crafted(tmp_path, change) -> object:
    """A transfer file made properly around a payload edited by `change`."""
    base = {"format": transfer_payload.FORMAT, "version": 1}
    data = change(base)
    path = tmp_path / "crafted.ratransfer"
    key = transfer_file.passphrase_key(PASSPHRASE.encode(), LIGHT_KDF)
    path.write_bytes(transfer_file.seal(json.dumps(data).encode(), key))
    return path


def test_a_newer_format_and_bad_values_are_named(receiving, sent, tmp_path):
    good = json.loads(transfer_file.open_file(sent, PASSPHRASE.encode()))

    def newer(_base):
        return dict(good, version=transfer_payload.VERSION + 1)

    assert "newer version" in str(refused(receiving, _crafted(tmp_path, newer)))
    edits = {
        "prs_Gender": lambda d: d["person"].update(prs_Gender="Robot"),
        "vic_TypeOfExploitation": lambda d: d["victim"].update(vic_TypeOfExploitation=["X"]),
        "prs_NumberOfChildren": lambda d: d["person"].update(prs_NumberOfChildren="two"),
        "prs_Birthdate": lambda d: d["person"].update(prs_Birthdate="1996-13-45"),
        "prs_Surprise": lambda d: d["person"].update(prs_Surprise=1),
        "nik": lambda d: d["person"].update(prs_IdentityNumber="1234"),
        "phone": lambda d: d["contacts"][0].update(prs_MobilePhone="12"),
        "contacts": lambda d: d.update(contacts="everyone"),
    }
    for field, edit in edits.items():
        def change(_base, edit=edit):
            data = json.loads(json.dumps(good))
            edit(data)
            return data
        message = str(refused(receiving, _crafted(tmp_path, change)))
        assert "cannot accept" in message and field in message, (field, message)
    assert "not a case transfer" in str(refused(receiving, _crafted(
        tmp_path, lambda base: ["a", "list"])))
    deep = tmp_path / "deep.ratransfer"  # nested past what the JSON reader can follow
    deep.write_bytes(transfer_file.seal(b"[" * 200_000, transfer_file.passphrase_key(
        PASSPHRASE.encode(), LIGHT_KDF)))
    assert "damaged or incomplete" in str(refused(receiving, deep))
    assert records.overview(receiving).persons == 0


@pytest.mark.file_only
def test_a_backup_is_not_a_transfer_and_a_transfer_is_not_a_backup(admin, receiving, sent,
                                                                   tmp_path):
    from shelter_app.services.administration import backup

    made = backup.backup(admin, tmp_path / "shelter.rabackup", PASSPHRASE)
    message = str(refused(receiving, made.path))
    assert "This is a Rumah Aman backup, not a case transfer file" in message
    with pytest.raises(Exception, match="not a backup") as error:
        backup.inspect(sent)
    assert "Receive a case from another shelter" in str(error.value)
    with pytest.raises(Exception, match="not a backup"):
        backup.restore(receiving.folder, sent, passphrase=PASSPHRASE)
