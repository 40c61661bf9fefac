"""Domain errors reach the user in Japanese while their str() stays English.

The window shows a ReviewerError through ui/errors.message_for, which renders the Text it carries in
the user's language; the CLI, logs and tests read str(exc). Each error here is raised by the domain
code itself (no hand-built messages), one or two per area, and rendered with the compiled catalogue.
"""
import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from reviewer.annotations.geojson import parse_geojson
from reviewer.annotations.geometry import Geometry, Kind
from reviewer.annotations.measure import area
from reviewer.annotations.model import Target
from reviewer.errors import ReviewerError
from reviewer.i18n import Language, Text, render
from reviewer.imaging.scan import scan
from reviewer.imaging.source import BytesSource
from reviewer.keyimages import png_size
from reviewer.pathology.opening import open_slide
from reviewer.reports.opinion import Opinion
from reviewer.reports.templates import load_template
from reviewer.sync.multipart import boundary_of

QM = Path(__file__).resolve().parents[2] / "resources" / "translations" / "reviewer_ja.qm"


@pytest.fixture(scope="module")
def japanese():
    translator = QTranslator()
    assert translator.load(str(QM))
    return Language(lambda ctx, text: translator.translate(ctx, text) or text, "%Y/%m/%d", "%Y/%m/%d %H:%M")


def _truncated_tiff(path: Path) -> Path:
    """A TIFF whose one level claims 10^6 x 10^6 pixels in 256-pixel tiles but lists no tile."""
    tags = [(256, 4, 1, 10**6), (257, 4, 1, 10**6), (258, 3, 1, 8), (259, 3, 1, 7), (262, 3, 1, 2),
            (277, 3, 1, 3), (322, 3, 1, 256), (323, 3, 1, 256), (324, 4, 1, 0), (325, 4, 1, 0)]
    ifd = struct.pack("<H", len(tags)) + b"".join(struct.pack("<HHII", *t) for t in tags) + struct.pack("<I", 0)
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8) + ifd)
    return path


def _raised(call) -> ReviewerError:
    with pytest.raises(ReviewerError) as info:
        call()
    return info.value


CASES = [
    ("imaging", lambda tmp: scan(BytesSource(b"abc", label="ct-1")),
     "ct-1: not a DICOM file (too short)", "ct-1: DICOM ファイルではありません（短すぎます）"),
    ("pathology", lambda tmp: open_slide(_truncated_tiff(tmp / "s.tif"), name="slide-a"),
     "slide-a: level 0 lists fewer tiles than its size needs", "slide-a: 階層 0 のタイル数がサイズに対して不足しています"),
    ("annotations", lambda tmp: parse_geojson('{"type": "FeatureCollection", "features": [5]}', case_id="c1",
                                              target=Target.slide("s1")),
     "GeoJSON feature 0: is not an object", "GeoJSON フィーチャー 0: オブジェクトではありません"),
    ("annotations", lambda tmp: Target("study", "x"),
     "an annotation target is a series or a slide, not 'study'",
     "アノテーションの対象はシリーズまたはスライドです（'study' は不可）"),
    ("annotations", lambda tmp: area(Geometry(Kind.POINT, [(1.0, 2.0)])),
     "a point has no area", "点には面積がありません"),
    ("key images", lambda tmp: png_size(b"GIF89a"),
     "A key image must be a PNG picture", "キー画像は PNG 画像である必要があります"),
    ("reports", lambda tmp: Opinion.from_json("{", where="opinion.json"),
     "opinion.json: not valid JSON (line 1)", "opinion.json: 有効な JSON ではありません（1 行目）"),
    ("reports", lambda tmp: load_template("nosuch", "xx", directory=tmp),
     "No report template nosuch.xx (available: none)", "レポートテンプレート nosuch.xx はありません（利用可能: none）"),
    ("sync", lambda tmp: boundary_of("text/html"),
     "The DICOMweb server answered text/html, not multipart/related",
     "DICOMweb サーバーの応答が multipart/related ではなく text/html でした"),
]


@pytest.mark.parametrize("area, call, english, japanese_text", CASES, ids=[c[0] for c in CASES])
def test_a_domain_error_renders_in_japanese_and_stays_english_as_str(area, call, english, japanese_text, japanese,
                                                                       tmp_path):
    exc = _raised(lambda: call(tmp_path))
    assert str(exc) == english
    (message,) = exc.args
    assert isinstance(message, Text)
    assert render(message, japanese) == japanese_text


def test_the_error_dialog_text_is_japanese_in_a_japanese_window(qtbot):
    """ui/errors.message_for is what show_error puts in the dialog: the DICOM reason arrives translated."""
    from PySide6.QtWidgets import QApplication
    from ui import i18n
    from ui.errors import message_for
    exc = _raised(lambda: scan(BytesSource(b"abc", label="ct-1")))
    app = QApplication.instance()
    translators = i18n.install(app, "ja")
    try:
        assert message_for(exc) == "ct-1: DICOM ファイルではありません（短すぎます）"
    finally:
        for t in translators:
            app.removeTranslator(t)
        i18n.install(app, "en")
    assert message_for(exc) == "ct-1: not a DICOM file (too short)"


def test_an_unreadable_record_is_listed_in_japanese(japanese):
    """The summary's "Records not read" list: the reason stays a Text until the panel shows it."""
    from reviewer.summary.ingest.documents import read_document
    from reviewer.summary.ingest.inputs import RawDocument
    raw = RawDocument("documents/a.pdf", "A", "report", "2026-01-01", "application/pdf", lambda: b"%PDF-1.4 garbage")
    docs, (skipped,) = read_document(raw, use_ocr=False)
    assert docs == [] and skipped.reason.startswith("not a readable PDF (")
    assert render(skipped.reason, japanese).startswith("読み込める PDF ではありません（")


def test_a_translatable_message_survives_pickling(japanese):
    """A Text crossing a queue or a process keeps both its English and its Japanese."""
    import pickle
    from reviewer.annotations.errors import AnnotationError
    exc = _raised(lambda: area(Geometry(Kind.POINT, [(1.0, 2.0)])))
    assert isinstance(exc, AnnotationError)
    message = pickle.loads(pickle.dumps(exc.args[0]))
    assert isinstance(message, Text) and message == "a point has no area"
    assert render(message, japanese) == "点には面積がありません"
