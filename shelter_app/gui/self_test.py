"""The Qt half of `--self-test`: the plugins and libraries a frozen app could have left
behind. Runs offscreen; never shows a window."""

from __future__ import annotations

from shelter_app.i18n import _


def check_qt() -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, qVersion
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon, QImage, QImageReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from shelter_app.gui import app as gui_app
    from shelter_app.paths import app_icon_path

    QApplication.instance() or gui_app.make_application()
    platform = QGuiApplication.platformName()
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "svg", "ico"} - formats
    if missing:
        raise AssertionError(_("image formats missing: {formats}").format(
            formats=", ".join(sorted(missing))))
    icon = QIcon(str(app_icon_path()))
    if icon.isNull() or icon.pixmap(64, 64).isNull():
        raise AssertionError(_("the app's icon does not load"))
    if not QFontDatabase.families():
        raise AssertionError(_("Qt finds no font"))
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise AssertionError("PNG")
    QPrinter(QPrinter.PrinterMode.HighResolution)  # the print support library loads
    return _("Qt {version} on {platform}: images, icon, fonts, printing").format(
        version=qVersion(), platform=platform)
