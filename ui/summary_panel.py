"""The summary panel: the machine-prepared summary of a case beside the viewers.

Flags come first, most severe first, each with its plain-words explanation and its evidence; then
the questions asked, the first opinion, and the facts by section. Every fact and every piece of
evidence is a link: clicking it asks (``source_requested``) for its source to be opened. Each fact
row and flag can be confirmed, rejected or corrected (``decision_requested``); the panel only shows
decisions, the controller keeps them. What is shown is worked out by reviewer.summary.panel; this
widget lays it out and translates the words.
"""
from __future__ import annotations

import html
import time
from collections import deque
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from reviewer.summary.decisions import Decision
from reviewer.summary.model import Fact
from reviewer.summary.panel import FlagView, LabTrend, PanelModel, Row, current_decision
from reviewer.worklist import short_datetime
from viewers.i18n import language, shown

SEVERITY_COLOURS = {"high": "#b3261e", "medium": "#a15c00", "low": "#5f6b7a"}
LINK = "#1f4e79"

STYLE = """
#summaryNotice { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; padding: 6px 8px;
                 color: #4a3800; }
#summaryError { background: #fdecea; border: 1px solid #e6a19b; border-radius: 4px; padding: 6px 8px;
                color: #7a1c14; }
#summaryStatus { color: #44515e; }
#summaryContent { background: #ffffff; }
#summarySection { font-size: 14px; font-weight: 600; color: #1c2b39; padding: 10px 0 2px 0;
                  border-bottom: 1px solid #dde3ea; }
#summaryFlag { background: #fdf3f2; border: 1px solid #efc9c5; border-left: 4px solid #b3261e;
               border-radius: 4px; }
#summaryFlag[severity="medium"] { background: #fdf7ee; border-color: #ecd3a8; border-left-color: #a15c00; }
#summaryFlag[severity="low"] { background: #f4f6f8; border-color: #d6dce3; border-left-color: #5f6b7a; }
#summaryRow { border-bottom: 1px solid #eef1f4; }
#summaryRow[decision="confirmed"] { background: #eef7ee; }
#summaryRow[decision="rejected"] { background: #f6f6f6; }
#summaryRow[decision="corrected"] { background: #eef3fb; }
#summaryRow[active="true"], #summaryFlag[active="true"] { border: 2px solid #e65100; border-radius: 4px; }
#summaryLabel { color: #44515e; }
#summaryNote, #summarySources { color: #5f6b7a; font-size: 12px; }
#summaryDecision { font-size: 12px; font-weight: 600; }
#summaryQuestions { background: #f6f8fa; border: 1px solid #dde3ea; border-radius: 4px; padding: 6px; }
QToolButton#decide { border: 1px solid #c9d1da; border-radius: 3px; padding: 0px 4px; min-width: 18px;
                     background: #ffffff; }
QToolButton#decide:checked { background: #1f4e79; color: #ffffff; border-color: #1f4e79; }
"""


def _short(document: str) -> str:
    return document.rsplit("/", 1)[-1]


def _number(v: float) -> str:
    return f"{v:g}"


def _unit(u: str) -> str:
    return u.replace("10^9", "10⁹").replace("10^12", "10¹²").replace("10^6", "10⁶").replace("10^3", "10³")


class Sparkline(QWidget):
    """A lab's values over time as a small line; the reference range as a band when known."""

    def __init__(self, trend: LabTrend, parent=None):
        super().__init__(parent)
        self.trend = trend
        self.setFixedSize(64, 20)

    def sizeHint(self) -> QSize:
        return QSize(64, 20)

    def paintEvent(self, event) -> None:
        values = [p.value for p in self.trend.points]
        lo, hi = min(values), max(values)
        if self.trend.low is not None:
            lo = min(lo, self.trend.low)
        if self.trend.high is not None:
            hi = max(hi, self.trend.high)
        span = (hi - lo) or 1.0
        w, h = self.width() - 4, self.height() - 4

        def y(v: float) -> float:
            return 2 + h - (v - lo) / span * h
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        if self.trend.low is not None and self.trend.high is not None:
            p.fillRect(2, int(y(self.trend.high)), w, max(1, int(y(self.trend.low) - y(self.trend.high))),
                       QColor(46, 125, 50, 40))
        path = QPainterPath()
        pts = [QPointF(2 + w * i / max(1, len(values) - 1), y(v)) for i, v in enumerate(values)]
        path.moveTo(pts[0])
        for pt in pts[1:]:
            path.lineTo(pt)
        p.setPen(QPen(QColor(LINK), 1.5))
        p.drawPath(path)
        p.setBrush(QColor(LINK))
        p.drawEllipse(pts[-1], 2.5, 2.5)
        p.end()


class DecisionBar(QWidget):
    """Confirm / reject / correct, with the correction typed in place (Enter saves, Esc cancels)."""
    decided = Signal(str, str)       # decision, correction ("" unless corrected)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for decision, text, tip in (("confirmed", "✓", self.tr("Confirm: the source says this and it is right")),
                                    ("rejected", "✗", self.tr("Reject: this is wrong or not what the source says")),
                                    ("corrected", "✎", self.tr("Correct: enter the right value"))):
            b = QToolButton(objectName="decide", text=text, toolTip=tip, checkable=True)
            b.setAccessibleName(tip)
            b.clicked.connect(lambda _=False, d=decision: self._clicked(d))
            self.buttons[decision] = b
            layout.addWidget(b)
        self._editor: QLineEdit | None = None
        self.place = None           # how the owner lays out the editor (made on first use: rows stay light)

    @property
    def editor(self) -> QLineEdit:
        if self._editor is None:
            self._editor = QLineEdit(placeholderText=self.tr("Corrected value, Enter to keep"))
            self._editor.hide()
            self._editor.returnPressed.connect(self._correction_entered)
            if self.place is not None:
                self.place(self._editor)
        return self._editor

    def _clicked(self, decision: str) -> None:
        self.buttons[decision].setChecked(not self.buttons[decision].isChecked())   # the store decides
        if decision == "corrected":
            self.editor.setVisible(True)
            self.editor.setFocus()
            self.editor.selectAll()
        else:
            self.decided.emit(decision, "")

    def _correction_entered(self) -> None:
        text = self.editor.text().strip()
        if text:
            self.editor.hide()
            self.decided.emit("corrected", text)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self._editor is not None and self._editor.isVisible():
            self.editor.hide()
            return
        super().keyPressEvent(event)

    def show_decision(self, decision: Decision | None) -> None:
        for d, b in self.buttons.items():
            b.setChecked(decision is not None and decision.decision == d)
        if decision is not None and decision.correction:
            self.editor.setText(decision.correction)


class _Decidable(QFrame):
    """A fact row or a flag card: knows its ids and shows the current decision on them."""
    target_kind = "fact"

    def __init__(self, ids: tuple[str, ...], panel: "SummaryPanel"):
        super().__init__()
        self.ids = ids
        self.panel = panel
        self.decision: Decision | None = None
        self.bar = DecisionBar()
        self.bar.decided.connect(lambda d, c: panel.decision_requested.emit(self.target_kind, self.ids, d, c))
        self.extra = QVBoxLayout()          # the correction editor and the decision line, made when needed
        self.extra.setContentsMargins(0, 0, 0, 0)
        self.extra.setSpacing(2)
        self.bar.place = self.extra.addWidget
        self._status: QLabel | None = None

    @property
    def status(self) -> QLabel:
        if self._status is None:
            self._status = QLabel(objectName="summaryDecision", wordWrap=True)
            self._status.hide()
            self.extra.addWidget(self._status)
        return self._status

    def show_decision(self, decision: Decision | None) -> None:
        self.decision = decision
        self.bar.show_decision(decision)
        state = decision.decision if decision else ""
        if (self.property("decision") or "") != state:
            self.setProperty("decision", state)
            self.style().unpolish(self)
            self.style().polish(self)
        if decision is None:
            if self._status is not None:
                self._status.hide()
            return
        who = f" · {decision.actor}" if decision.actor else ""
        try:
            when = language().datetime(datetime.fromisoformat(decision.decided_at).astimezone())
        except ValueError:
            when = decision.decided_at[:16].replace("T", " ")
        if decision.decision == "confirmed":
            text, colour = QCoreApplication.translate("SummaryPanel", "✓ Confirmed"), "#2e7d32"
        elif decision.decision == "rejected":
            text, colour = QCoreApplication.translate("SummaryPanel", "✗ Rejected"), "#b3261e"
        else:
            text = QCoreApplication.translate("SummaryPanel", "✎ Corrected to: %1")
            text = text.replace("%1", decision.correction or "")
            colour = "#1f4e79"
        markup = (f"<span style='color:{colour}'>{html.escape(text)}</span>"     # words translated above
                  f"<span style='color:#8a949e; font-weight:normal'>  {html.escape(when + who)}</span>")
        self.status.setText(markup)
        self.status.show()


def _link(fact_id: str, text: str, *, strong: bool = False, colour: str = LINK, nowrap: bool = False) -> str:
    style = f"color:{colour}; text-decoration:none;" + (" font-weight:600;" if strong else "")
    shown = html.escape(text).replace(" ", "&nbsp;").replace("-", "\u2011") if nowrap else html.escape(text)
    return f"<a href='{fact_id}' style='{style}'>{shown}</a>"


def _link_label(text: str, panel: "SummaryPanel", object_name: str = "") -> QLabel:
    label = QLabel(text, wordWrap=True, objectName=object_name)
    label.setTextFormat(Qt.RichText)
    label.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
    label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
    label.linkActivated.connect(panel.source_requested)
    return label


class FactRow(_Decidable):
    def __init__(self, row: Row, label: str, panel: "SummaryPanel"):
        super().__init__(row.fact_ids, panel)
        self.setObjectName("summaryRow")
        self.row = row
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)
        self.label = QLabel(label, objectName="summaryLabel", wordWrap=True)
        self.label.setFixedWidth(118)
        grid.addWidget(self.label, 0, 0, Qt.AlignTop)
        value, note = panel.describe(row)
        self._value_html = value
        self.value = _link_label(value, panel)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.value, 1)
        if row.trend is not None and len(row.trend.points) > 1:
            self.sparkline = Sparkline(row.trend)
            top.addWidget(self.sparkline, 0, Qt.AlignVCenter)
        grid.addLayout(top, 0, 1)
        grid.addWidget(self.bar, 0, 2, Qt.AlignTop | Qt.AlignRight)
        r = 1
        if note:
            self.note = QLabel(note, objectName="summaryNote", wordWrap=True)
            self.note.setTextFormat(Qt.RichText)
            grid.addWidget(self.note, r, 1, 1, 2)
            r += 1
        self.sources = _link_label(panel.sources_html(row.facts), panel, "summarySources")
        grid.addWidget(self.sources, r, 1, 1, 2)
        grid.addLayout(self.extra, r + 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    def show_decision(self, decision: Decision | None) -> None:
        super().show_decision(decision)
        # rejected or replaced: the machine's value is crossed out
        struck = decision is not None and decision.decision != "confirmed"
        self.value.setText(self._value_html.replace("text-decoration:none", "text-decoration:line-through")
                           if struck else self._value_html)


class FlagCard(_Decidable):
    target_kind = "flag"

    def __init__(self, view: FlagView, panel: "SummaryPanel"):
        super().__init__(view.ids or (view.flag.id,), panel)
        self.view = view
        self.setObjectName("summaryFlag")
        self.setProperty("severity", view.flag.severity)
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 6, 6, 6)
        v.setSpacing(3)
        top = QHBoxLayout()
        colour = SEVERITY_COLOURS.get(view.flag.severity, "#5f6b7a")
        title = (f"<span style='color:{colour}; font-weight:700'>"       # the panel translates the names
                 f"{html.escape(panel.severity_name(view.flag.severity).upper())}</span>"
                 f"&nbsp;&nbsp;<b>{html.escape(panel.flag_name(view.flag.kind))}</b>")
        self.title = QLabel(title, wordWrap=True)
        top.addWidget(self.title, 1)
        top.addWidget(self.bar, 0, Qt.AlignTop)
        v.addLayout(top)
        self.message = QLabel(panel.named(shown(view.flag.message)), wordWrap=True)
        v.addWidget(self.message)
        if view.evidence:
            # one line per value the evidence states, with every place it is stated
            by_value: dict[tuple, list[Fact]] = {}
            for f in view.evidence:
                by_value.setdefault((f.kind, f.normalized.lower()), []).append(f)
            items = []
            for facts in by_value.values():
                f = next((x for x in facts if x.source.start is not None), facts[0])
                quote = " ".join(f.source.text.split()) or f.value
                if len(quote) > 60:
                    quote = quote[:57] + "…"
                items.append(f"{_link(f.id, '“' + quote + '”', strong=True)} "
                             f"<span style='color:#5f6b7a'>— {panel.sources_html(facts, limit=6)}</span>")
            heading = html.escape(self.tr("Evidence:"))
            self.evidence = _link_label(f"<b>{heading}</b><br>" + "<br>".join(items), panel, "summaryEvidence")
            v.addWidget(self.evidence)
        v.addLayout(self.extra)


class SummaryPanel(QWidget):
    source_requested = Signal(str)                        # fact id
    decision_requested = Signal(str, object, str, str)    # "fact"|"flag", ids, decision, correction
    retry_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, objectName="summaryPanel")
        self.setStyleSheet(STYLE)
        self.notice = QLabel(self.tr("<b>Machine-prepared summary.</b> It can be wrong or incomplete: check each "
                                     "fact against its source (click it) before you rely on it. You remain "
                                     "responsible for the opinion."), objectName="summaryNotice", wordWrap=True)
        self.status = QLabel(objectName="summaryStatus", wordWrap=True)
        self.progress = QProgressBar(objectName="summaryProgress", textVisible=False, maximumHeight=8)
        self.error = QLabel(objectName="summaryError", wordWrap=True)
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.clicked.connect(self.retry_requested)
        self.scroll = QScrollArea(widgetResizable=True, objectName="summaryScroll")
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        for w in (self.notice, self.status, self.progress, self.error):
            layout.addWidget(w)
        layout.addWidget(self.retry, 0, Qt.AlignLeft)
        layout.addWidget(self.scroll, 1)
        self.model: PanelModel | None = None
        self._generation = 0
        self._pending: deque = deque()
        self._decisions: dict[str, Decision] = {}
        self.rows: dict[str, FactRow] = {}
        self.flag_cards: list[FlagCard] = []
        self.timeline_labels: list[QLabel] = []
        self.clear()

    # -- words (translated here, the logic layer returns data) ------------------------------
    def kind_name(self, kind: str) -> str:
        names = {
            "histology": self.tr("Histology"), "site": self.tr("Site"), "laterality": self.tr("Side"),
            "grade": self.tr("Grade"), "tumour_size": self.tr("Tumour size"), "margins": self.tr("Margins"),
            "lvi": self.tr("Lymphovascular invasion"), "gleason": self.tr("Gleason score"),
            "grade_group": self.tr("Grade group"), "imaging_study": self.tr("Imaging study"),
            "imaging_finding": self.tr("Imaging finding"), "diagnosis": self.tr("Diagnosis"), "er": "ER",
            "pr": "PR", "hormone_receptor": self.tr("Hormone receptors"), "her2": "HER2", "ki67": "Ki-67",
            "pdl1": "PD-L1", "msi_mmr": "MSI / MMR", "egfr": "EGFR", "alk": "ALK", "kras": "KRAS", "braf": "BRAF",
            "brca": "BRCA", "psa": "PSA", "tnm": "TNM", "stage": self.tr("Stage"),
            "lymph_nodes": self.tr("Lymph nodes"), "medication": self.tr("Medication"),
            "procedure": self.tr("Procedure"), "patient_name": self.tr("Name"),
            "patient_birth_date": self.tr("Birth date"), "patient_sex": self.tr("Sex"), "patient_mrn": "MRN",
        }
        return names.get(kind, kind.replace("_", " ").capitalize())

    def section_name(self, key: str) -> str:
        return {"key_points": self.tr("Key diagnostic points"), "diagnoses": self.tr("Diagnoses and problems"),
                "biomarkers": self.tr("Biomarkers"), "staging": self.tr("Staging"), "labs": self.tr("Labs"),
                "medications": self.tr("Medications"), "procedures": self.tr("Procedures"),
                "identifiers": self.tr("Patient identifiers in the records"),
                "other": self.tr("Other facts")}.get(key, key)

    def flag_name(self, kind: str) -> str:
        return {"identity_mismatch": self.tr("Identity mismatch"),
                "laterality_conflict": self.tr("Left/right conflict"),
                "biomarker_conflict": self.tr("Biomarker conflict"),
                "treatment_biomarker_conflict": self.tr("Treatment does not fit the biomarkers"),
                "stage_inconsistency": self.tr("Stage inconsistency"),
                "grade_inconsistency": self.tr("Grade inconsistency"), "chronology": self.tr("Dates out of order"),
                "lab_diagnosis_conflict": self.tr("Lab result contradicts a diagnosis"),
                "implausible_value": self.tr("Implausible value"), "missing_record": self.tr("Missing record"),
                "duplicate_document": self.tr("Duplicate record")}.get(kind, kind.replace("_", " ").capitalize())

    def severity_name(self, severity: str) -> str:
        return {"high": self.tr("High"), "medium": self.tr("Medium"), "low": self.tr("Low")}.get(severity, severity)

    def where(self, f: Fact) -> str:
        """Where a fact is, in a few words: "pathology-report.pdf p. 1", "CT header (PatientName)"."""
        s = f.source
        if s.dicom_tag:
            modality = f.attributes.get("modality") or ""
            tag = s.dicom_tag.split(" ", 1)[-1]
            return self.tr("%1 image header (%2)").replace("%1", modality or self.tr("DICOM")).replace("%2", tag)
        if s.document == "manifest.json":
            return self.tr("case manifest")
        page = self.tr(" p. %1").replace("%1", str(s.page)) if s.page and not s.fhir_path else ""
        ocr = self.tr(" (OCR)") if s.ocr else ""
        return f"{self.name(s.document)}{page}{ocr}"

    def name(self, document: str) -> str:
        """A record as the case's list names it (its title), else its file name."""
        return self.names.get(document) or _short(document)

    def named(self, text: str) -> str:
        """A rule's message with the records' file names replaced by their titles."""
        for path, title in self.names.items():
            if title and _short(path) != title:
                text = text.replace(_short(path), title)
        return text

    def sources_html(self, facts, limit: int = 4) -> str:
        links, seen = [], set()
        for f in facts:
            where = self.where(f)
            if where in seen:
                continue
            seen.add(where)
            links.append(_link(f.id, where, nowrap=True))
        if len(links) > limit:
            links = links[:limit] + [html.escape(self.tr("+%1 more").replace("%1", str(len(links) - limit)))]
        return " · ".join(links)

    def describe(self, row: Row) -> tuple[str, str]:
        """(value as a link, note) of a row: the value, and what qualifies it."""
        notes = []
        c = row.context
        for on, word in ((c.negated, self.tr("not present")), (c.uncertain, self.tr("uncertain")),
                         (c.historical, self.tr("history")), (c.family, self.tr("family history"))):
            if on:
                notes.append(f"<i>{html.escape(word)}</i>")
        a = row.attributes
        if row.trend is not None and row.trend.points:
            t = row.trend
            last = t.latest
            value = f"{_number(last.value)} {_unit(last.unit)}".strip()
            if last.flag:
                value += "  " + {"H": self.tr("high"), "L": self.tr("low")}.get(last.flag, last.flag)
            if last.date:
                notes.append(html.escape(self.tr("on %1").replace("%1", short_datetime(last.date, language()))))
            if t.low is not None or t.high is not None:
                rng = (f"{_number(t.low)}–{_number(t.high)}" if t.low is not None and t.high is not None
                       else (f"&lt; {_number(t.high)}" if t.high is not None else f"&gt; {_number(t.low)}"))
                notes.append(html.escape(self.tr("reference %1").replace("%1", "§")).replace("§", rng))
            prev = t.previous
            if prev is not None:
                arrow = {"up": "↑", "down": "↓", "same": "="}[t.direction]
                since = self.tr("from %1 on %2").replace("%1", _number(prev.value)).replace("%2", short_datetime(prev.date, language()) if prev.date else "?")
                notes.append(f"<b>{arrow}</b> " + html.escape(since))
            colour = "#b3261e" if last.flag else LINK
            return _link(last.fact_id, value, strong=True, colour=colour), " · ".join(notes)
        if row.kind == "medication":
            for key in ("dose", "frequency", "route"):
                if a.get(key):
                    notes.append(html.escape(str(a[key])))
            if a.get("status"):
                notes.append(html.escape(str(a["status"])))
            if a.get("class"):
                notes.append(html.escape(str(a["class"])))
        if row.flags:
            notes.insert(0, f"<span style='color:#b3261e'>⚑ {html.escape(self.tr('flagged'))}</span>")
        value = row.value
        if row.kind in ("patient_name", "patient_mrn"):
            value = row.primary.value or value      # as written; the comparable form is lower-cased
        colour = "#8a949e" if not c.asserted else LINK
        return _link(row.primary.id, value, strong=True, colour=colour), " · ".join(notes)

    # -- states ----------------------------------------------------------------------------
    def clear(self) -> None:
        """Nothing of a patient left: the case closed or the workspace locked."""
        self.model = None
        self.complete = False            # every section laid out (they come in slices)
        self._generation += 1
        self._pending.clear()
        self._decisions = {}
        self.rows, self.flag_cards, self.timeline_labels = {}, [], []
        self.names = {}
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(QWidget())
        self.status.setText(self.tr("Open a case to see its summary."))
        self.progress.hide()
        self.error.clear()
        self.error.hide()
        self.retry.hide()

    def show_running(self) -> None:
        self.clear()
        self.status.setText(self.tr("Preparing the summary in the background…"))
        self.progress.setRange(0, 0)
        self.progress.show()

    def show_progress(self, done: int, total: int, step: str) -> None:
        steps = {"reading records": self.tr("Reading the records"), "extracting facts": self.tr("Extracting facts"),
                 "checking consistency": self.tr("Checking consistency"), "done": self.tr("Laying out")}
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(self.tr("%1… (%2 of %3)").replace("%1", steps.get(step, step))
                            .replace("%2", str(done)).replace("%3", str(total)))

    def show_failed(self, message: str) -> None:
        self.clear()
        self.status.clear()
        self.error.setText(self.tr("The summary could not be prepared: %1").replace("%1", message))
        self.error.show()
        self.retry.show()

    def show_summary(self, model: PanelModel, decisions: dict[str, Decision], *, questions=(), question: str = "",
                     first_opinion=(), skipped=(), names: dict[str, str] | None = None) -> None:
        """Flags, questions and first opinion at once; the fact sections follow in slices of at most
        ~30 ms per turn of the event loop, so a long summary never freezes the window. ``names`` gives a
        record's path its title as the case's list shows it (a synced record is stored as "001.pdf")."""
        self.clear()
        self.model = model
        self.names = dict(names or {})
        self._decisions = dict(decisions)
        content = QWidget(objectName="summaryContent")
        v = self._content = QVBoxLayout(content)
        v.setContentsMargins(4, 2, 4, 8)
        v.setSpacing(2)
        v.addStretch(1)
        n_flags = len(model.flags)
        self.status.setText(self.tr("%1 flags · %2 facts from the records · click a fact to see its source")
                            .replace("%1", str(n_flags)).replace("%2", str(len(model.facts))))
        self._add(self._section(self.tr("Flags (%1)").replace("%1", str(n_flags))))
        if not model.flags:
            self._add(QLabel(self.tr("No inconsistency found by the rules. This does not mean there is none."),
                             wordWrap=True, objectName="summaryNote"))
        for fv in model.flags:
            card = FlagCard(fv, self)
            self.flag_cards.append(card)
            card.show_decision(current_decision(card.ids, self._decisions))
            self._add(card)
        self._add(self._section(self.tr("Questions asked")))
        qs = [q for q in ([question] if question else []) + list(questions) if q]
        none = html.escape(self.tr("None given."))
        self._add(self._plain("<br>".join(f"• {html.escape(q)}" for q in qs) or none))
        self._add(self._section(self.tr("First opinion")))
        self._add(self._plain("<br>".join(html.escape(o) for o in first_opinion) or none))
        pending = self._pending
        for section in model.sections:
            title = f"{self.section_name(section.key)} ({len(section.rows)})"
            pending.append(lambda t=title: self._add(self._section(t)))
            for row in section.rows:
                pending.append(lambda r=row: self._add_row(r))
        if model.timeline:
            pending.append(lambda: self._add_timeline(model.timeline))
        if skipped:
            pending.append(lambda: self._add_skipped(skipped))
        self.scroll.setWidget(content)
        generation = self._generation
        QTimer.singleShot(0, lambda: self._build_more(generation))

    def _build_more(self, generation: int) -> None:
        if generation != self._generation:
            return                                  # cleared (case closed, workspace locked) meanwhile
        t0 = time.perf_counter()
        while self._pending and time.perf_counter() - t0 < 0.03:
            self._pending.popleft()()
        if self._pending:
            QTimer.singleShot(0, lambda: self._build_more(generation))
        else:
            self.complete = True

    def _add(self, widget: QWidget) -> None:
        self._content.insertWidget(self._content.count() - 1, widget)     # before the closing stretch

    def _add_row(self, row: Row) -> None:
        label = row.value if row.trend is not None else self.kind_name(row.kind)
        if row.kind in ("diagnosis", "medication", "procedure"):
            label = ""
        w = FactRow(row, label, self)
        if not label:
            w.label.setFixedWidth(0)
        self.rows[row.key] = w
        w.show_decision(current_decision(w.ids, self._decisions))
        self._add(w)

    def _add_timeline(self, timeline) -> None:
        self._add(self._section(self.tr("Timeline (%1)").replace("%1", str(len(timeline)))))
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for i, e in enumerate(timeline):
            date = QLabel(short_datetime(e.date, language()), objectName="summaryLabel")
            text = e.label
            if len(e.lab_tests) > 1:
                text = self.tr("Lab results: %1").replace("%1", ", ".join(e.lab_tests))
            label = _link_label(f"{_link(e.fact_id, text)} <span style='color:#5f6b7a; font-size:12px'>"
                                f"{html.escape(self.name(e.document))}</span>", self)
            self.timeline_labels.append(label)
            grid.addWidget(date, i, 0, Qt.AlignTop)
            grid.addWidget(label, i, 1)
        grid.setColumnStretch(1, 1)
        self._add(box)

    def _add_skipped(self, skipped) -> None:
        self._add(self._section(self.tr("Records not read")))
        for s in skipped:
            self._add(QLabel(f"{self.name(s.document)}: {shown(s.reason)}", wordWrap=True, objectName="summaryNote"))

    def set_decisions(self, decisions: dict[str, Decision]) -> None:
        self._decisions = dict(decisions)
        for w in list(self.rows.values()) + self.flag_cards:
            w.show_decision(current_decision(w.ids, decisions))

    def _section(self, text: str) -> QLabel:
        return QLabel(text, objectName="summarySection")

    def _plain(self, text: str) -> QLabel:
        label = QLabel(text, wordWrap=True, objectName="summaryQuestions")
        label.setTextFormat(Qt.RichText)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def mark_active(self, fact_id: str) -> None:
        """Outlines the row (and flags) whose source is on screen, so the eye finds its way back."""
        for w in list(self.rows.values()) + self.flag_cards:
            active = fact_id in w.ids or (isinstance(w, FlagCard) and any(f.id == fact_id for f in w.view.evidence))
            if bool(w.property("active")) != active:
                w.setProperty("active", active)
                w.style().unpolish(w)
                w.style().polish(w)

    def row_for(self, fact_id: str) -> FactRow | None:
        for w in self.rows.values():
            if fact_id in w.ids:
                return w
        return None
