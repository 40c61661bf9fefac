import json

from reviewer.preferences import Preferences, PreferenceStore, default_preferences_path


def test_round_trip_with_layouts(tmp_path):
    store = PreferenceStore(tmp_path / "p" / "preferences.json")
    prefs = Preferences(language="ja", theme="high-contrast", font_scale=1.25).with_layout("case", b"\x00\xffqt")
    store.save(prefs)
    assert store.load() == prefs


def test_missing_or_damaged_file_gives_defaults(tmp_path):
    store = PreferenceStore(tmp_path / "preferences.json")
    assert store.load() == Preferences()
    store.path.write_text("{not json")
    assert store.load() == Preferences()
    store.path.write_text("[1, 2]")
    assert store.load() == Preferences()


def test_bad_values_are_replaced_one_by_one(tmp_path):
    store = PreferenceStore(tmp_path / "preferences.json")
    store.path.write_text(json.dumps({"language": "xx", "theme": "high-contrast", "font_scale": 40,
                                      "layouts": {"case": "!!!", "window": "AAE="}}))
    prefs = store.load()
    assert prefs.language == "en" and prefs.theme == "high-contrast" and prefs.font_scale == 1.0
    assert prefs.layouts == {"window": b"\x00\x01"}


def test_font_scale_is_bounded():
    p = Preferences()
    for _ in range(20):
        p = p.scaled(1.1)
    assert p.font_scale == 2.0
    for _ in range(40):
        p = p.scaled(1 / 1.1)
    assert p.font_scale == 0.8


def test_tests_never_use_the_users_config(tmp_path):
    assert "config" in str(default_preferences_path().parent)
    assert str(default_preferences_path()).startswith(str(tmp_path.parent.parent))
