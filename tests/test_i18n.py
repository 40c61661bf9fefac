"""Domain text that is English wherever a str is used, and translated where the UI renders it."""
import json

from reviewer.i18n import ENGLISH, QT_TRANSLATE_NOOP, Language, Text, render

TABLE = {("Ctx", "{n} slices"): "{n} スライス", ("Ctx", "Lung"): "肺野"}


def fake_translate(context, text):    # stands in for Qt's translator here, which needs a QApplication
    return TABLE.get((context, str(text)), text)


JA = Language(fake_translate, "%Y/%m/%d", "%Y/%m/%d %H:%M")


def test_text_is_english_as_a_string_and_translated_when_rendered():
    t = Text(QT_TRANSLATE_NOOP("Ctx", "{n} slices"), n=3)
    assert t == "3 slices" and "slices" in t and json.dumps({"m": t}) == '{"m": "3 slices"}'
    assert t.render(JA) == "3 スライス"
    assert render(t, ENGLISH) == "3 slices"


def test_templates_and_plain_strings():
    lung = QT_TRANSLATE_NOOP("Ctx", "Lung")
    assert lung == "Lung" and {lung: 1}["Lung"] == 1
    assert render(lung, JA) == "肺野"
    assert render("Testpatient, Alice", JA) == "Testpatient, Alice"


def test_unknown_translation_falls_back_to_english():
    assert Text(QT_TRANSLATE_NOOP("Other", "{n} slices"), n=2).render(JA) == "2 slices"


def test_values_that_are_templates_are_rendered_too():
    TABLE[("Ctx", "Sex {sex}")] = "性別 {sex}"
    TABLE[("Ctx", "female")] = "女性"
    t = Text(QT_TRANSLATE_NOOP("Ctx", "Sex {sex}"), sex=QT_TRANSLATE_NOOP("Ctx", "female"))
    assert t == "Sex female" and t.render(JA) == "性別 女性"
