"""The Japanese catalogue is complete, current and compiled, and the window speaks it.

Fails on: a string added to ui/ or viewers/ that is not in the catalogue (run `make translations`),
an entry without a Japanese translation, a translation that loses a {placeholder}, a stale .qm,
and a literal handed to Qt without tr() in the modules listed in SWEPT.
"""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from i18n_scan import untranslated_literals
from support import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "reviewer_ja.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
# Modules whose user-visible text is all wrapped; the rest of ui/ and viewers/ join as they are swept.
SWEPT = sorted((ROOT / "viewers" / "dicom").glob("*.py")) + [ROOT / "ui" / "shortcut_help.py",
                                                             ROOT / "ui" / "appearance.py", ROOT / "ui" / "worklist_view.py"] + [
    ROOT / "ui" / f"{m}.py" for m in ("unlock_screen", "key_image_panel", "compare", "series_loader", "key_images",
                                     "errors", "opinion_editor", "opinion_controller", "sign_dialog",
                                     "main_window", "case_view", "document_loader", "slide_loader", "idle",
                                     "summary_controller", "summary_panel", "sync_panel", "sync_controller", "app",
                                     "launcher", "tasks", "i18n", "screenshots")] + sorted(
    (ROOT / "viewers" / "documents").glob("*.py")) + sorted((ROOT / "viewers" / "pathology").glob("*.py"))


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot():
        for m in ctx.findall("message"):
            out[(ctx.findtext("name"), m.findtext("source"))] = m.find("translation")
    return out


def _text(tr: ET.Element) -> str:
    """The translation, or its (single, in Japanese) plural form."""
    forms = tr.findall("numerusform")
    return (forms[0].text or "") if forms else (tr.text or "")


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\w*\}|%\d|%n", text))


def _sources() -> list[str]:
    return sorted(str(p) for d in ("ui", "viewers", "reviewer") for p in (ROOT / d).rglob("*.py"))


def test_catalogue_holds_every_string_of_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run([str(BIN / "pyside6-lupdate"), *_sources(), "-ts", str(fresh), "-no-obsolete", "-locations", "none"],
                   check=True, capture_output=True, timeout=120)
    new, old = set(_messages(fresh)), set(_messages(TS))
    assert new - old == set(), "strings missing from the catalogue: run `make translations` and translate them"
    assert old - new == set(), "the catalogue holds strings the code no longer has: run `make translations`"


def test_every_entry_has_a_japanese_translation_with_the_same_placeholders():
    problems = []
    for (ctx, source), tr in _messages(TS).items():
        text = _text(tr).strip()
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            problems.append(f"untranslated: {ctx} | {source}")
        elif _placeholders(source) != _placeholders(text):
            problems.append(f"placeholders differ: {ctx} | {source} -> {text}")
        elif source != text and re.fullmatch(r"[\x00-\x7f]*", text) and re.search(r"[a-z]{4,}", text):
            problems.append(f"still English: {ctx} | {source}")
    assert problems == []


def test_compiled_catalogue_is_current():
    """The committed .qm answers every entry of the .ts with its translation (compared by lookup, not by
    bytes, so that another lrelease version cannot fail it)."""
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [f"{ctx} | {source}" for (ctx, source), tr in _messages(TS).items()
             if translator.translate(ctx, source, None, 1 if tr.findall("numerusform") else -1) != _text(tr)]
    assert stale == [], "run `make translations` to recompile reviewer_ja.qm"


@pytest.mark.parametrize("path", SWEPT, ids=lambda p: p.name)
def test_no_untranslated_literal(path):
    assert untranslated_literals(path) == []


def test_the_window_speaks_japanese(qtbot, workspace, tmp_path):
    from casepackages import build_package
    from reviewer.packages import import_path
    from reviewer.session import Session
    import_path(workspace, build_package(tmp_path / "pkg", dicom_from=None))
    workspace.close()
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.tasks import BackgroundTasks
    app = QApplication.instance()
    translators = i18n.install(app, "ja")
    try:
        assert QLocale().language() == QLocale.Japanese
        w = MainWindow(Session(workspace.root), BackgroundTasks())
        qtbot.addWidget(w)
        viewer = w.case_view.series_viewer
        assert viewer.invert.text() == "白黒反転"
        assert viewer.tabs.tabText(2) == "3D"
        assert QCoreApplication.translate("ShortcutHelp", "Keyboard shortcuts") == "キーボードショートカット"
        # Words the domain hands over (column names, statuses, time left) and the date order.
        model = w.worklist.model
        headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
        assert headers == ["症例", "患者", "診療科", "依頼内容", "優先度", "期限", "状態"]
        w.unlock_screen.passphrase.setText("not the passphrase")         # a domain error, in Japanese
        w.unlock_screen.submit()
        qtbot.waitUntil(lambda: "パスフレーズが正しくありません" in w.unlock_screen.error.text(), timeout=20000)
        w.session.adopt(w.session.open_workspace(PASSPHRASE))
        assert w.worklist.status.itemText(2) == "準備完了"
        due = model.data(model.index(0, 5))
        assert re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d \((残り.*|.*超過)\)", due), due
        # The menus, the status bar and the sync panel under the worklist.
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus[:2] == ["ワークスペース(&W)", "表示(&V)"], menus
        assert w.import_action.text().startswith("症例パッケージ") and w.lock_action.text() == "今すぐロック(&L)"
        assert "暗号化ワークスペース" in w.status_label.text()
        assert w.sync_panel.headline.text().endswith("未設定") and w.sync_panel.hint.text().startswith("このワークスペース")
        assert w.sync_panel.badge.text().endswith("同期: 未設定")
        # The case: banner (birth date in the Japanese order, age, sex), groups, columns, summary tab.
        w.open_case(w.session.workspace.cases.list()[0].id)
        banner = w.case_view.banner.details.text()
        assert re.match(r"生年月日 \d{4}/\d\d/\d\d（\d+ 歳）   ·   性別 \S+   ·   患者ID ", banner), banner
        items = w.case_view.items
        groups = [items.topLevelItem(i).text(0).split(" (")[0] for i in range(items.topLevelItemCount())]
        assert groups == ["文書", "画像シリーズ", "スライド", "キー画像"]
        assert [items.headerItem().text(c) for c in range(4)] == ["項目", "種類", "日付 / 枚数", "サイズ"]
        assert "依頼内容:" in w.case_view.question.text()
        tabs = [w.case_view.side_tabs.tabText(i) for i in range(w.case_view.side_tabs.count())]
        assert tabs[:2] == ["症例", "サマリー"], tabs
        panel = w.summary.panel
        assert panel.section_name("biomarkers") == "バイオマーカー" and panel.flag_name("chronology") == "日付の前後関係の矛盾"
        w.opinion.show_pane(True)                                    # the editor is filled when first shown
        assert w.opinion.editor.template.language == "ja"          # a new draft starts in the Japanese template
        from viewers.pathology.labels import class_label, kind_label
        assert (class_label("Tumour"), class_label("Tumor"), kind_label("polygon")) == ("腫瘍", "Tumor", "多角形")
    finally:
        for t in translators:
            app.removeTranslator(t)
        i18n.install(app, "en")


def _japanese():
    """The domain's Language backed by the compiled catalogue, as the window builds it in Japanese."""
    from reviewer.i18n import Language
    translator = QTranslator()
    assert translator.load(str(QM))
    return Language(lambda ctx, text: translator.translate(ctx, text) or text, "%Y/%m/%d", "%Y/%m/%d %H:%M")


def test_domain_words_render_in_japanese():
    """What the domain hands the screens (sync rows, flag messages, ready-to-sign problems, import refusals,
    slide errors, dates) comes out in Japanese through the catalogue, and stays English as a str."""
    from datetime import datetime, timezone
    from reviewer.errors import PackageRejected
    from reviewer.i18n import LocalDate, QT_TRANSLATE_NOOP, Text, render
    from reviewer.pathology.errors import SlideError
    from reviewer.reports.opinion import Problem
    from reviewer.summary.flags.base import flag_text
    from reviewer.sync.dashboard import format_eta, headline, new_cases_notice, outbox_row
    from reviewer.sync.outbox import OutboxItem
    from reviewer.sync.settings import SyncStatus
    from reviewer.worklist import sex_text
    ja = _japanese()
    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    head, badge = headline(SyncStatus(online=False, last_sync="2026-11-30T09:00:00+00:00"), 2, True, False, now, ja)
    assert head.startswith("オフライン · 最終同期 2026/11/30 ") and head.endswith("送信トレイに 2 件待機中"), head
    assert badge.startswith("同期: オフライン")
    assert headline(SyncStatus(), 0, False, False, now) == ("Not set up", "Sync: not set up")     # English default
    item = OutboxItem("o1", "c1", "report", "pending", 2, 0.0, "", "", "", "", {"platform_case_id": "SO-1"})
    row = outbox_row(item, now=100.0, lang=ja)
    assert (row.what, row.state, row.detail) == ("署名済み意見書", "waiting", "3 回目の試行 次回の同期時")
    assert format_eta(200, ja) == "4分" and format_eta(200) == "4 min"
    assert new_cases_notice(["SO-1"], ja) == "新しい依頼: 症例 SO-1 がワークリストに追加されました"
    flag = flag_text("{marker} status differs between records: {values}.", marker="ER", values="positive")
    assert flag == "ER status differs between records: positive." and render(flag, ja).startswith("ERの判定")
    from reviewer.summary.flags.terms import term
    side = flag_text("Records disagree on the side of the {structure}: {values}.", structure=term("breast"), values="")
    assert side.startswith("Records disagree on the side of the breast") and render(side, ja).startswith("乳房の左右")
    problem = Problem("images", Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{heading}”: add at least one image"),
                                     heading="Key images"))
    assert render(problem.message, ja) == "「Key images」: 画像を 1 枚以上追加してください"
    refused = PackageRejected(Text(QT_TRANSLATE_NOOP("ImportErrors", "{label}: case {case} is already in the workspace"),
                                   label="pkg", case="SO-1"))
    assert str(refused) == "pkg: case SO-1 is already in the workspace"
    assert render(refused.args[0], ja) == "pkg: 症例 SO-1 はすでにワークスペースにあります"
    slide = SlideError("blob 1a2b", Text(QT_TRANSLATE_NOOP("SlideErrors", "its pixel data is truncated")))
    assert str(slide) == "blob 1a2b: its pixel data is truncated"
    assert render(slide.args[0], ja) == "blob 1a2b: ピクセルデータが途中で切れています"
    assert render(LocalDate("1972-03-14"), ja) == "1972/03/14" and LocalDate("1972-03-14") == "1972-03-14"
    assert sex_text("female", ja) == "女性" and sex_text("") == "—"
