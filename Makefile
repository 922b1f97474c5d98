# Rumah Aman. `make run` opens the app on a demo shelter (`make demo`: a fresh one); `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCALES := resources/locale
UI_FILES := $(wildcard ui/*.ui)
DEMO_DIR ?= demo-data
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run demo test lint unit screenshots ui translations extract bench wheel clean \
        bundle bundle-check bench-bundle installer installer-test
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE := dist/rumah-aman
BUNDLE_TOOLS := $(VENV)/.bundle-tools
INSTALLER := dist/RumahAman-Setup-$(VERSION).exe

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: $(STAMP)  ## compile the .po catalogs into .mo (build output, not in git)
	$(VENV)/bin/pybabel compile --statistics -d $(LOCALES) -D shelter_app 2>&1 | grep -v '^compiling' || true
	@test -f $(LOCALES)/id/LC_MESSAGES/shelter_app.mo

extract: $(STAMP)  ## pull new strings from the source into the catalogs
	$(VENV)/bin/pybabel extract --no-location --sort-output -F babel.cfg -k N_ -k ngettext:1,2 \
	    --project "Rumah Aman" --version 0.1.0 \
	    -o $(LOCALES)/shelter_app.pot shelter_app
	$(VENV)/bin/pybabel update --no-fuzzy-matching -d $(LOCALES) -D shelter_app -i $(LOCALES)/shelter_app.pot
	$(PY) -m shelter_app.i18n.catalogs

ui: $(STAMP)  ## compile ui/*.ui into shelter_app/gui/forms (kept in git)
	$(PY) -m shelter_app.gui.build_forms

run: $(STAMP) translations  ## the app on the demo shelter: made when absent, else kept as left
	@if $(PY) -c 'import sys; \
	        from shelter_app.services.administration.shelter_folder import is_set_up; \
	        sys.exit(not is_set_up(sys.argv[1]))' '$(DEMO_DIR)'; then \
	    $(PY) -m shelter_app --data-dir '$(DEMO_DIR)' gui; \
	else \
	    $(PY) -m shelter_app --data-dir '$(DEMO_DIR)' demo --gui; \
	fi

demo: $(STAMP) translations  ## a fresh demo shelter (what was done in the old one goes), then the app
	$(PY) -m shelter_app --data-dir '$(DEMO_DIR)' demo --replace --gui

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: $(STAMP) translations lint  ## ruff, import-linter, then every test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m shelter_app.gui.screenshots docs/screenshots

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

$(BUNDLE_TOOLS): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,bundle]'
	touch $@

bundle: $(BUNDLE_TOOLS) translations  ## the Linux one-folder app (dist/rumah-aman) and its .tar.gz
	rm -rf $(BUNDLE) build/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	    --workpath build/pyinstaller installers/rumah-aman.spec
	$(PY) installers/linux/tarball.py

bundle-check: $(STAMP)  ## the frozen app: --version, --self-test, a demo, a report, a login on a display
	test -x $(BUNDLE)/rumah-aman || { echo "no bundle: make bundle" >&2; exit 1; }
	RUMAH_AMAN_FROZEN_APP=$(abspath $(BUNDLE)/rumah-aman) QT_QPA_PLATFORM=offscreen \
	    $(PY) -m pytest -q -p no:cacheprovider tests/frozen tests/e2e/test_desktop.py \
	    -k 'frozen or stays_open or lock_unlock or set_up_wizard'

installer:  ## compile the NSIS script with dist/rumah-aman as payload (a check on Linux)
	test -x $(BUNDLE)/rumah-aman || { echo "no bundle: make bundle" >&2; exit 1; }
	makensis -V2 -NOCD -DVERSION=$(VERSION) -DPAYLOAD=$(BUNDLE) -DOUTFILE=$(INSTALLER) \
	    -DICON=resources/icons/rumah-aman.ico installers/rumah-aman.nsi
	@ls -l $(INSTALLER)

installer-test:  ## install, upgrade and uninstall under wine as a user without admin rights
	bash installers/installer_test.sh $(BUNDLE)

bench-bundle: bundle  ## the frozen app's size, start-up and memory (needs makensis for the installer's)
	$(MAKE) installer
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py bundle

wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps --no-build-isolation -w dist .

clean:
	rm -rf build dist $(DEMO_DIR) .pytest_cache .ruff_cache
