"""A real CUPS printer for the printing test and benchmark: our own cupsd (as root), its
configuration and spool in a temporary folder, listening only on a socket there, with one
cups-pdf queue as the default printer. cups-pdf writes each job it prints as a PDF file.

The app and `lp` reach this cupsd through CUPS_SERVER (libcups reads it), so the machine's
own printing, if any, is never touched. cups-pdf itself reads only /etc/cups/cups-pdf.conf
(the path is built into it): its output folder is the one named there ("Out", by default
~/PDF of the job's user), and is read, never changed, here."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

QUEUE = "rumah-aman-uji"
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
PACKAGES = "cups cups-client printer-driver-cups-pdf"


class CupsMissing(RuntimeError):
    pass


def why_not() -> str | None:
    """What keeps this machine from running the queue, or None."""
    if os.geteuid() != 0:
        return "cupsd and its cups-pdf backend run as root only (CI runs as root)"
    missing = [tool for tool in ("cupsd", "lpadmin", "lpstat", "lp") if not shutil.which(tool)]
    if missing or not CUPS_PDF_PPD.exists() or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return f"CUPS or cups-pdf is missing: sudo apt-get install {PACKAGES}"
    return None


def output_folder() -> Path:
    """Where cups-pdf writes the jobs of this user (its `Out` setting)."""
    home = pwd.getpwuid(os.geteuid()).pw_dir
    out = "${HOME}/PDF"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            if line.strip().startswith("Out "):
                out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", home))


class CupsQueue:
    def __init__(self):
        self.folder: Path | None = None
        self.process: subprocess.Popen | None = None

    @property
    def socket(self) -> Path:
        return self.folder / "cups.sock"

    def environment(self) -> dict[str, str]:
        """What a process needs in its environment to print here."""
        return {"CUPS_SERVER": str(self.socket)}

    def start(self, timeout: float = 30) -> CupsQueue:
        reason = why_not()
        if reason is not None:
            raise CupsMissing(reason)
        # A short path: a Unix socket's name is at most 107 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="cups-"))
        for name in ("spool", "cache", "state", "log"):
            (self.folder / name).mkdir()
        (self.folder / "cupsd.conf").write_text(
            f"Listen {self.socket}\nBrowsing No\nWebInterface No\nLogLevel warn\n"
            "DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
        (self.folder / "cups-files.conf").write_text(
            f"ServerRoot {self.folder}\nRequestRoot {self.folder}/spool\n"
            f"TempDir {self.folder}/spool\nCacheDir {self.folder}/cache\n"
            f"StateDir {self.folder}/state\nErrorLog {self.folder}/log/error_log\n"
            f"AccessLog {self.folder}/log/access_log\nPageLog {self.folder}/log/page_log\n"
            "User lp\nGroup lp\n")
        self.process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(self.folder / "cupsd.conf"),
             "-s", str(self.folder / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=(self.folder / "log" / "cupsd.err").open("wb"))
        deadline = time.monotonic() + timeout
        while self._run("lpstat", "-r", check=False).returncode != 0:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise CupsMissing("cupsd did not start: " + self._log())
            time.sleep(0.1)
        self._settle("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD),
                     deadline=deadline)
        self._settle("lpadmin", "-d", QUEUE, deadline=deadline)
        return self

    def _settle(self, *command: str, deadline: float) -> None:
        """A command the scheduler may refuse for a moment after it says it runs (in one CI
        run of several: "lpadmin: Unable to connect to server: Bad file descriptor"):
        tried again while cupsd lives, until the deadline."""
        while True:
            result = self._run(*command, check=False)
            if result.returncode == 0:
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                why = f"{' '.join(command)} failed: {result.stderr.strip()}\n{self._log()}"
                self.stop()
                raise CupsMissing(why)
            time.sleep(0.2)

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(command, env={**os.environ, **self.environment()},
                                capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            raise CupsMissing(f"{' '.join(command)} failed: {result.stderr.strip()}")
        return result

    def _log(self) -> str:
        logs = [self.folder / "log" / name for name in ("cupsd.err", "error_log")]
        return "\n".join(p.read_text(errors="replace")[-1500:] for p in logs if p.exists())

    @staticmethod
    def snapshot() -> dict[Path, int]:
        """The printed files there are now, with their times (a new cupsd numbers its
        jobs from 1 again, so a new job may reuse an old file's name)."""
        return {path: path.stat().st_mtime_ns for path in output_folder().glob("*.pdf")}

    def printed_since(self, before: dict[Path, int], title_word: str,
                      timeout: float = 60) -> Path:
        """The file cups-pdf wrote for a job whose title has `title_word`, once whole (it
        ends as a PDF ends, and its size held for a moment)."""
        folder = output_folder()
        deadline = time.monotonic() + timeout
        word = re.sub(r"\W+", "_", title_word)
        sizes: dict[Path, int] = {}
        while time.monotonic() < deadline:
            for path in folder.glob("*.pdf"):
                status = path.stat()
                if before.get(path) == status.st_mtime_ns or word not in path.name:
                    continue
                size = status.st_size
                if sizes.get(path) == size and path.read_bytes().rstrip().endswith(b"%%EOF"):
                    return path
                sizes[path] = size
            time.sleep(0.3)
        jobs = self._run("lpstat", "-W", "all", "-o", check=False).stdout
        raise AssertionError(f"no printed file for “{title_word}” in {folder} after "
                             f"{timeout:.0f} s; jobs: {jobs!r}\n{self._log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
