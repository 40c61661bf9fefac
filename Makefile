# Quick start: `make run` (set up, create the demo workspace, open the workstation) and
# `make test` (set up and run the whole suite). Both are idempotent.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_WORKSPACE ?= $(CURDIR)/.demo-workspace
DEMO_PASSPHRASE ?= demo-passphrase

# Debian packages: Qt's runtime libraries (xcb and EGL/offscreen; Mesa's EGL for VTK's offscreen 3D), a virtual screen, poppler's
# pdfsig/pdftoppm, Orthanc with DICOMweb, the Secret Service (gnome-keyring) and D-Bus, SoftHSM2 (a PKCS#11
# token for the signing tests), Tesseract (OCR of scanned records), a Japanese TrueType font.
DEB_PACKAGES := libegl1 libegl-mesa0 libgl1 libgl1-mesa-dri libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
  libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxrender1 \
  libxi6 libsm6 libice6 fonts-dejavu-core xvfb xauth poppler-utils orthanc orthanc-dicomweb \
  gnome-keyring dbus dbus-x11 libsecret-tools \
  softhsm2 tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn fonts-ipaexfont-gothic

.PHONY: setup system-deps run demo test package translations lint clean

setup: system-deps $(VENV)/.installed

# Installs the Debian packages when running as root and some are missing; otherwise says what to
# install. Checking first keeps repeated runs fast.
system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages (install them as root): $$missing"; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The demo workspace holds synthetic cases only. Where the machine has no Secret Service, it is
# created in the explicit passphrase-only mode and says so.
demo: setup
	@if [ ! -f "$(DEMO_WORKSPACE)/workspace.json" ]; then \
	  echo "$(DEMO_PASSPHRASE)" > $(DEMO_WORKSPACE).passphrase; \
	  keyring_flag=""; \
	  $(VENV)/bin/reviewer keyring-check >/dev/null 2>&1 || { keyring_flag="--passphrase-only"; echo "No OS keyring on this machine: the demo workspace uses passphrase-only mode."; }; \
	  $(VENV)/bin/reviewer --workspace $(DEMO_WORKSPACE) --passphrase-file $(DEMO_WORKSPACE).passphrase $$keyring_flag demo; \
	fi

run: demo
	@echo "Demo workspace: $(DEMO_WORKSPACE)   passphrase: $(DEMO_PASSPHRASE)"
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  echo "No display: starting the workstation on a virtual screen (xvfb-run)."; \
	  xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/reviewer --workspace $(DEMO_WORKSPACE); \
	else \
	  $(VENV)/bin/reviewer --workspace $(DEMO_WORKSPACE); \
	fi

test: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

# Qt translations: extract the strings of ui/, viewers/ and reviewer/ (lang.translate, QT_TRANSLATE_NOOP) into the Japanese catalogue (translate the new
# entries in resources/translations/reviewer_ja.ts, e.g. with pyside6-linguist), then compile it.
# tests/ui/test_translations.py fails while the catalogue is stale or has an untranslated entry.
TS_JA := resources/translations/reviewer_ja.ts
translations: setup
	$(VENV)/bin/pyside6-lupdate $$(find ui viewers reviewer -name '*.py' | LC_ALL=C sort) -ts $(TS_JA) -no-obsolete -locations none -target-language ja_JP
	$(VENV)/bin/pyside6-lrelease $(TS_JA) -qm $(TS_JA:.ts=.qm)

# The desktop bundle: one folder, dist/reviewer/, started as dist/reviewer/reviewer.
package: setup
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN build.spec
	@echo "Bundle: dist/reviewer/reviewer"

clean:
	rm -rf $(VENV) $(DEMO_WORKSPACE) $(DEMO_WORKSPACE).passphrase build dist *.egg-info
