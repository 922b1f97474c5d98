"""A bare PySide6 window, frozen with the app's own spec (benchmarks/bundle.py): what any
frozen Qt app costs to start, to compare the frozen Rumah Aman with."""

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
