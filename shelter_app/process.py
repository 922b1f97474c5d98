"""Process-wide hardening, done first thing at start: a crashed app must not leave the
decrypted records (or the master key held in memory) in a dump on the disk."""

from __future__ import annotations

import contextlib
import ctypes
import sys

# Linux <linux/prctl.h>
PR_GET_DUMPABLE, PR_SET_DUMPABLE = 3, 4
# Windows: SetErrorMode flags (no "has stopped working" box, which is where a dump is
# offered), and WerAddExcludedApplication's "only this user" argument.
SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX = 0x0001, 0x0002
WER_CURRENT_USER = False


def harden_process() -> None:
    _no_core_files()
    if sys.platform.startswith("linux"):
        _not_dumpable_on_linux()
    elif sys.platform == "win32":
        _no_error_reporting_on_windows()


def _no_core_files() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _not_dumpable_on_linux() -> None:
    """A core-size limit of 0 does not stop a core_pattern that pipes to a program
    (systemd-coredump, apport), and other processes of the same user could still read
    this one's memory. PR_SET_DUMPABLE = 0 stops both. By hand through ctypes: the
    standard library has no prctl, and a package for one call is more to trust."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def is_dumpable() -> bool | None:
    """Linux only (None elsewhere): may this process be dumped?"""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def _no_error_reporting_on_windows(windll=None) -> None:
    """Windows Error Reporting writes a crashed process's memory to a dump (and may send
    it away): the error box is turned off for this process, and the program is excluded
    from reporting for this user. Both through ctypes: pywin32 does not wrap wer.dll."""
    windll = windll if windll is not None else getattr(ctypes, "windll", None)
    if windll is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        windll.kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
    with contextlib.suppress(OSError, AttributeError):
        windll.wer.WerAddExcludedApplication(ctypes.c_wchar_p(sys.executable),
                                             WER_CURRENT_USER)
