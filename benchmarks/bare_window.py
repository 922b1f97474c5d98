"""A bare PySide6 window: what any Qt app costs to start, to compare Rumah Aman with.
startup.py runs it from source; bundle.py freezes it with the app's own spec."""

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
window = QLabel("bare")
window.show()


def shown() -> None:
    print(f"shown-at {time.time():.6f}", flush=True)
    app.quit()


QTimer.singleShot(0, shown)
app.exec()
