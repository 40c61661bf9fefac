"""The specialist's display preferences: language, theme, font scale and remembered layouts.

Kept apart from the workspace on purpose: nothing here is about a patient (pane sizes, a theme
name, a language code), so it lives as plain JSON in the user's config folder and is readable
before the workspace is unlocked — the lock screen already speaks the chosen language. Values are
validated on load; a damaged file falls back to the defaults instead of stopping the app.
"""
from __future__ import annotations

import base64
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ja")
THEMES = ("standard", "high-contrast")
FONT_SCALE_RANGE = (0.8, 2.0)


@dataclass(frozen=True)
class Preferences:
    language: str = "en"
    theme: str = "standard"
    font_scale: float = 1.0
    # Opaque layout blobs (Qt's saveState/saveGeometry bytes) by name, base64 in the file.
    layouts: dict[str, bytes] = field(default_factory=dict)

    def with_layout(self, name: str, state: bytes) -> "Preferences":
        return replace(self, layouts={**self.layouts, name: bytes(state)})

    def scaled(self, factor: float) -> "Preferences":
        lo, hi = FONT_SCALE_RANGE
        return replace(self, font_scale=round(min(hi, max(lo, self.font_scale * factor)), 2))


def _validated(raw: dict) -> Preferences:
    prefs = Preferences()
    language = raw.get("language", prefs.language)
    theme = raw.get("theme", prefs.theme)
    scale = raw.get("font_scale", prefs.font_scale)
    layouts = {}
    for name, value in (raw.get("layouts") or {}).items():
        try:
            layouts[str(name)] = base64.b64decode(value, validate=True)
        except (TypeError, ValueError):
            log.warning("preferences: layout %r ignored (not base64)", str(name)[:40])
    lo, hi = FONT_SCALE_RANGE
    return Preferences(
        language=language if language in LANGUAGES else prefs.language,
        theme=theme if theme in THEMES else prefs.theme,
        font_scale=float(scale) if isinstance(scale, (int, float)) and lo <= scale <= hi else prefs.font_scale,
        layouts=layouts,
    )


class PreferenceStore:
    """Loads and saves Preferences as one JSON file, written atomically (a crash never leaves half)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def load(self) -> Preferences:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Preferences()
        except (OSError, ValueError) as exc:
            log.warning("preferences: %s unreadable (%s); using defaults", self.path, type(exc).__name__)
            return Preferences()
        return _validated(raw if isinstance(raw, dict) else {})

    def save(self, prefs: Preferences) -> None:
        data = asdict(prefs)
        data["layouts"] = {k: base64.b64encode(v).decode("ascii") for k, v in prefs.layouts.items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".preferences-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def default_preferences_path() -> Path:
    if os.environ.get("REVIEWER_CONFIG_DIR"):
        return Path(os.environ["REVIEWER_CONFIG_DIR"]) / "preferences.json"
    import platformdirs
    from reviewer.paths import APP
    return Path(platformdirs.user_config_dir(APP)) / "preferences.json"
