"""Qt's own words, exactly as Qt 6 writes them, under the Qt class ("context") that asks
for them: the file dialog, the buttons of message boxes and dialogs, the menus of text
fields, spin boxes and scroll bars, the print and print-preview dialogs. Qt ships no
Indonesian of its own (there is no qtbase_id.qm), so `N_` puts these in our catalogs and
gui/qt_language.py answers Qt from them.

Found by asking Qt itself (a translator that records every (context, text) while each
dialog is opened) and checked against Qt's German catalog of the installed version: a
text Qt does not ask for in exactly these words would never be translated. Key names
("Alt+Left", "Ctrl") and paper names stay as Qt writes them.
"""

from __future__ import annotations

from shelter_app.i18n import N_

_TEXT_MENU = (N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"),
              N_("Delete"), N_("Select All"))

QT_STRINGS: dict[str, frozenset[str]] = {context: frozenset(texts) for context, texts in {
    # standard buttons of QMessageBox and QDialogButtonBox
    "QPlatformTheme": (
        N_("OK"), N_("Save"), N_("Save All"), N_("Open"), N_("&Yes"), N_("Yes to &All"),
        N_("&No"), N_("N&o to All"), N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"),
        N_("Cancel"), N_("Discard"), N_("Help"), N_("Apply"), N_("Reset"),
        N_("Restore Defaults")),
    "QMessageBox": (N_("Show Details..."), N_("Hide Details...")),
    "QFileDialog": (
        N_("&Look in:"), N_("Back"), N_("Go back"), N_("Forward"), N_("Go forward"),
        N_("Parent Directory"), N_("Go to the parent directory"), N_("Create New Folder"),
        N_("Create a New Folder"), N_("List View"), N_("Change to list view mode"),
        N_("Detail View"), N_("Change to detail view mode"), N_("Sidebar"),
        N_("List of places and bookmarks"), N_("Files"), N_("Files of &type:"),
        N_("File &name:"), N_("&Open"), N_("&Save"), N_("&Choose"), N_("All Files (*)"),
        N_("Show "), N_("&Rename"), N_("&Delete"), N_("Show &hidden files"),
        N_("&New Folder"), N_("Directories"), N_("Directory:"), N_("Find Directory"),
        N_("Open"), N_("Save As"), N_("New Folder"), N_("Delete"),
        N_("%1 already exists.\nDo you want to replace it?"),
        N_("%1\nFile not found.\nPlease verify the correct file name was given."),
        N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
        N_("'%1' is write protected.\nDo you want to delete it anyway?"),
        N_("Are you sure you want to delete '%1'?"), N_("Could not delete directory."),
        N_("Recent Places"), N_("Remove")),
    "QFileSystemModel": (
        N_("Name"), N_("Size"), N_("Type"), N_("Date Modified"), N_("Computer"),
        N_("My Computer"), N_("Invalid filename"),
        N_("<b>The name \"%1\" cannot be used.</b><p>Try using another name, with fewer "
           "characters or no punctuation marks.")),
    "QAbstractFileIconProvider": (N_("Drive"), N_("Folder"), N_("File"), N_("Shortcut")),
    "QLineEdit": _TEXT_MENU,
    "QWidgetTextControl": (*_TEXT_MENU, N_("Copy &Link Location")),
    "QAbstractSpinBox": (N_("&Select All"), N_("&Step up"), N_("Step &down")),
    "QScrollBar": (
        N_("Scroll here"), N_("Left edge"), N_("Top"), N_("Right edge"), N_("Bottom"),
        N_("Page left"), N_("Page up"), N_("Page right"), N_("Page down"),
        N_("Scroll left"), N_("Scroll up"), N_("Scroll right"), N_("Scroll down")),
    "QTabBar": (N_("Scroll Left"), N_("Scroll Right")),
    "QProgressDialog": (N_("Cancel"),),
    "QInputDialog": (N_("Enter a value:"),),
    "QWizard": (N_("< &Back"), N_("&Next >"), N_("&Finish"), N_("Cancel"), N_("Commit"),
                N_("&Help"), N_("Go Back"), N_("Continue"), N_("Done"), N_("Help")),
    "QPrintDialog": (
        N_("Print"), N_("&Options >>"), N_("&Options <<"), N_("&Print"),
        N_("Print to File (PDF)"), N_("Local file"), N_("Write PDF file"), N_("All Pages"),
        N_("Odd Pages"), N_("Even Pages"), N_("Print To File ..."),
        N_("File %1 is not writable.\nPlease choose a different file name."),
        N_("%1 already exists.\nDo you want to overwrite it?"),
        N_("The 'From' value cannot be greater than the 'To' value.")),
    "QPrintWidget": (N_("Printer"), N_("&Name:"), N_("P&roperties"), N_("Location:"),
                     N_("Preview"), N_("Type:"), N_("Output &file:")),
    "QPrintSettingsOutput": (
        N_("Print range"), N_("Print all"), N_("Pages from"), N_("to"), N_("Pages"),
        N_("Specify pages or ranges separated by commas. Ranges are specified by two "
           "numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."),
        N_("Current Page"), N_("Selection"), N_("Page &Set:"), N_("Output Settings"),
        N_("Copies:"), N_("Collate"), N_("Reverse"), N_("Copies"), N_("Color Mode"),
        N_("Color"), N_("Grayscale"), N_("Double Sided Printing"), N_("Off"),
        N_("Long side binding"), N_("Short side binding"), N_("Options")),
    "QPrintPreviewDialog": (
        N_("Next page"), N_("Previous page"), N_("First page"), N_("Last page"),
        N_("Fit width"), N_("Fit page"), N_("Zoom in"), N_("Zoom out"), N_("Portrait"),
        N_("Landscape"), N_("Show single page"), N_("Show facing pages"),
        N_("Show overview of all pages"), N_("Print"), N_("Page setup"),
        N_("Print Preview"), N_("Page Setup"), N_("Export to PDF")),
    "QPageSetupWidget": (
        N_("Paper"), N_("Page size:"), N_("Width:"), N_("Height:"), N_("Paper source:"),
        N_("Orientation"), N_("Portrait"), N_("Landscape"), N_("Reverse landscape"),
        N_("Reverse portrait"), N_("Margins"), N_("top margin"), N_("left margin"),
        N_("right margin"), N_("bottom margin"), N_("Page Layout"), N_("Page &order:"),
        N_("Pages &per sheet:"), N_("Millimeters (mm)"), N_("Inches (in)"),
        N_("Points (pt)"), N_("Custom")),
}.items()}
