"""No core dumps or crash dumps of a process holding decrypted records (issue 13,
finding 8): PR_SET_DUMPABLE cleared on Linux, Windows Error Reporting off for the process."""

import subprocess
import sys
import textwrap

from shelter_app import process


def test_the_app_process_cannot_be_dumped_on_linux():
    script = textwrap.dedent("""
        from shelter_app import process
        before = process.is_dumpable()
        process.harden_process()
        import resource
        print(before, process.is_dumpable(), resource.getrlimit(resource.RLIMIT_CORE))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split(maxsplit=2)
    assert out[:2] == ["True", "False"]
    assert out[2].strip() == "(0, 0)"


class FakeWindowsLibrary:
    def __init__(self, calls):
        self.calls = calls

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, args))


class FakeWindll:
    def __init__(self):
        self.calls = []
        self.kernel32 = FakeWindowsLibrary(self.calls)
        self.wer = FakeWindowsLibrary(self.calls)


def test_windows_error_reporting_is_turned_off_for_the_process():
    windll = FakeWindll()
    process._no_error_reporting_on_windows(windll)
    names = [name for name, _args in windll.calls]
    assert names == ["SetErrorMode", "WerAddExcludedApplication"]
    mode = windll.calls[0][1][0]
    assert mode & process.SEM_NOGPFAULTERRORBOX and mode & process.SEM_FAILCRITICALERRORS
    assert windll.calls[1][1][0].value == sys.executable
