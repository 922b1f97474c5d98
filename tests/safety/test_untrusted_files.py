"""A file brought in is read with a limit that holds while reading (storage/untrusted.py):
`institutions import /dev/zero` once read until the machine ran out of memory."""

from __future__ import annotations

import os
import resource

import pytest

from shelter_app.domain.errors import InputError
from shelter_app.storage.untrusted import read_limited


def test_a_device_is_refused_before_it_is_read(run):
    code, out, err = run("institutions", "import", "/dev/zero")
    assert code == 2 and "not an ordinary file" in err and "Traceback" not in err + out


def test_a_file_larger_than_it_may_be_is_read_only_up_to_the_limit(tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: 8 GB on paper, nothing on the disk
        handle.truncate(8 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match="too big"):
        read_limited(huge, 2_000_000, "too big")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 64 * 1024


@pytest.mark.parametrize("make", ["missing", "folder", "pipe"])
def test_what_is_not_a_readable_file_gets_one_message(tmp_path, make):
    target = tmp_path / "list.csv"
    if make == "folder":
        target.mkdir()
    elif make == "pipe":
        os.mkfifo(target)  # would block an open() for ever: refused by its kind first
    with pytest.raises(InputError) as refused:
        read_limited(target, 1000, "too big")
    assert str(refused.value) in {"The file was not found.", "This is a folder, not a file.",
                                  "This is not an ordinary file (it may be a device or a "
                                  "pipe): save it as a file first."}


def test_the_institutions_command_reads_within_its_limit(run, tmp_path):
    big = tmp_path / "list.csv"
    big.write_bytes(b"name,type\n" + b"x" * 2_100_000)
    code, _out, err = run("institutions", "import", str(big))
    assert code == 2 and "too big" in err
