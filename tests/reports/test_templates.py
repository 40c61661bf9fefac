"""Templates as data: every shipped template loads; mistakes are errors naming the file and key."""
import json

import pytest

from reviewer.paths import report_template
from reviewer.reports.opinion import Opinion, check_ready_to_sign
from reviewer.reports.templates import (TemplateError, available_templates, load_template, load_template_file,
                                        parse_template)

SPECIALTIES = ("radiology", "pathology", "oncology")


def test_every_specialty_has_english_and_japanese():
    have = set(available_templates())
    assert {(s, lang) for s in SPECIALTIES for lang in ("en", "ja")} <= have


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_languages_share_field_ids_and_choice_values(specialty):
    en, ja = load_template(specialty, "en"), load_template(specialty, "ja")
    assert [f.id for f in en.fields()] == [f.id for f in ja.fields()]
    assert [[c.value for c in f.choices] for f in en.fields()] == [[c.value for c in f.choices] for f in ja.fields()]
    assert [(c.value, c.category) for c in en.concordance.choices] == [(c.value, c.category) for c in ja.concordance.choices]
    assert en.title != ja.title


def test_concordance_scales_are_specialty_specific():
    rad = load_template("radiology", "en").concordance
    assert rad.scale == "RADPEER" and {c.value for c in rad.choices} == {"1", "2a", "2b", "3a", "3b"}
    assert rad.choice("2b").category == "major" and rad.choice("3a").category == "minor"
    path = load_template("pathology", "en").concordance
    assert sum(c.category == "major" for c in path.choices) >= 4


@pytest.mark.parametrize("specialty", SPECIALTIES)
@pytest.mark.parametrize("lang", ("en", "ja"))
def test_examples_are_complete(specialty, lang):
    t = load_template(specialty, lang)
    o = Opinion.from_json(report_template("examples", f"{specialty}.{lang}.json").read_text(encoding="utf-8"))
    assert check_ready_to_sign(o, t) == []
    assert set(o.fields) == {f.id for f in t.fields()}       # complete: every field filled


def _toml(specialty="radiology"):
    import tomllib
    return tomllib.loads(report_template(f"{specialty}.en.toml").read_text(encoding="utf-8"))


def test_unknown_key_is_named():
    data = _toml()
    data["sections"][1]["fields"][0]["requird"] = True
    with pytest.raises(TemplateError, match=r"x\.toml: sections\[1\]\.fields\[0\]\.requird: unknown key"):
        parse_template(data, "x.toml")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["sections"][0]["fields"][0].__setitem__("type", "essay"), r"type: 'essay' is not one of"),
    (lambda d: d["sections"][0]["fields"][0].__setitem__("required", "yes"), r"required: must be true or false"),
    (lambda d: d["template"].__setitem__("language", "fr"), r"template\.language: 'fr' is not one of"),
    (lambda d: d["labels"].pop("page"), r"labels\.page: missing"),
    (lambda d: d["labels"].__setitem__("page", "Page"), r"labels\.page: must contain"),
    (lambda d: d["concordance"]["choices"][0].__setitem__("category", "fine"), r"category: 'fine' is not one of"),
    (lambda d: d["sections"][0]["fields"][0].__setitem__("choices", [{"value": "a", "label": "A"}]),
     r"choices: unknown key"),
    (lambda d: d["sections"][1]["fields"].append(dict(d["sections"][0]["fields"][0])), r"duplicate id"),
])
def test_bad_values_are_clear_errors(change, message):
    data = _toml()
    change(data)
    with pytest.raises(TemplateError, match=message):
        parse_template(data, "x.toml")


def test_file_name_must_match_and_toml_errors_name_the_file(tmp_path):
    bad = tmp_path / "radiology.ja.toml"
    bad.write_text(report_template("radiology.en.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(TemplateError, match="radiology.ja.toml: declares"):
        load_template_file(bad)
    broken = tmp_path / "oncology.en.toml"
    broken.write_text("[template\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="oncology.en.toml: not valid TOML"):
        load_template_file(broken)
    with pytest.raises(TemplateError, match="No report template dermatology.en"):
        load_template("dermatology", "en")
