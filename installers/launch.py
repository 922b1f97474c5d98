"""The frozen app's entry point (PyInstaller runs a script, not a module's `-m`)."""

from shelter_app.cli import main

raise SystemExit(main())
