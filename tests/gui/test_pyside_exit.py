"""PySide6 6.12.0 aborts CPython 3.11 (none_dealloc) after ~5,000 binding calls that
return None, or at exit. The pin must keep this process alive and its exit clean."""

import subprocess
import sys

SCRIPT = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for number in range(12000):
    label.setText("x")       # each returns None
    label.setEnabled(True)
print("done")
"""


def test_many_none_returning_calls_and_exit_do_not_crash():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert "done" in result.stdout
