"""Reading a file someone brought in (a register, an institutions list, another shelter's
export or transfer) without trusting what it says about itself.

`institutions import /dev/zero` once read until the machine ran out of memory: a device,
a pipe or a file that grows while it is read has no size to check first. So only an
ordinary file is opened, and never more than the limit and one byte of it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from shelter_app.domain.errors import InputError
from shelter_app.i18n import _


def read_limited(path: str | os.PathLike, limit: int, too_big: str) -> bytes:
    """The file's bytes; InputError(`too_big`) when it holds more than `limit` bytes, and
    one clear message when it is missing, a folder, a device or unreadable."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(_("This is a folder, not a file."), "file")
        if not stat.S_ISREG(mode):
            raise InputError(_("This is not an ordinary file (it may be a device or a "
                               "pipe): save it as a file first."), "file")
        with path.open("rb") as handle:
            content = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(_("The file was not found."), "file") from None
    except OSError as error:
        raise InputError(_("The file could not be read ({reason}).").format(
            reason=error.strerror or type(error).__name__), "file") from None
    if len(content) > limit:
        raise InputError(too_big, "file")
    return content
