"""The structured opinion: what the specialist writes, per template, and the check before signing.

The opinion is plain data (JSON-serialisable) so the editor can autosave it on every keystroke and a
later program version can still read it. Values of template fields live in ``fields`` keyed by the
field id; the parts the platform consumes in structured form (concordance, answers, key images,
outcome, addendum) are typed attributes. Nothing here knows about Qt or the workspace.

Messages (``Problem.message``, ``OpinionError``) name fields by their template label and questions by
number, never by content: they end up in dialogs and logs, and the content is patient data.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.model import CaseDetail
from reviewer.reports.templates import SURGERY_VALUES, Field, Template

FORMAT = "reviewer-opinion"
FORMAT_VERSION = 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class OpinionError(ReviewerError):
    """An opinion document that cannot be read (wrong shape or type); names the key, never the value."""


@dataclass
class Concordance:
    choice: str = ""           # a value of template.concordance.choices ("1", "2b", "major_margins", ...)
    comment: str = ""


@dataclass
class Answer:
    question: str              # copied from the case when the draft is created, so the report is self-contained
    answer: str = ""


@dataclass
class ImageRef:
    """A key image (reviewer.keyimages) shown in the report; ``caption`` overrides the stored caption."""
    key_image_id: str
    caption: str = ""


@dataclass
class Outcome:
    diagnosis_changed: bool | None = None
    treatment_changed: bool | None = None
    surgery: str = ""          # "" (not stated) | avoided | changed | unchanged | not_applicable


@dataclass
class Addendum:
    """Makes this opinion an addendum: a new signed document citing the signed version it amends."""
    cites_version: int
    cites_sha256: str          # SHA-256 of the signed PDF amended
    reason: str = ""


@dataclass
class Opinion:
    specialty: str
    language: str
    report_id: str = field(default_factory=lambda: "R-" + uuid.uuid4().hex[:12].upper())
    concordance: Concordance = field(default_factory=Concordance)
    fields: dict[str, Any] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)
    addendum: Addendum | None = None

    # -- JSON ------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format": FORMAT, "version": FORMAT_VERSION,
            "template": {"specialty": self.specialty, "language": self.language},
            "report_id": self.report_id,
            "concordance": {"choice": self.concordance.choice, "comment": self.concordance.comment},
            "fields": self.fields,
            "answers": [{"question": a.question, "answer": a.answer} for a in self.answers],
            "images": [{"key_image_id": i.key_image_id, "caption": i.caption} for i in self.images],
            "outcome": {"diagnosis_changed": self.outcome.diagnosis_changed,
                        "treatment_changed": self.outcome.treatment_changed, "surgery": self.outcome.surgery},
            "addendum": None if self.addendum is None else {
                "cites_version": self.addendum.cites_version, "cites_sha256": self.addendum.cites_sha256,
                "reason": self.addendum.reason},
        }

    def to_json(self) -> str:
        """Canonical JSON (sorted keys): equal opinions give equal text, so autosave can skip no-ops."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, d: Any, where: str = "opinion") -> "Opinion":
        r = _Reader(d, where)
        if r.get("format", str) != FORMAT:
            raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: not an opinion document "
                                                                      "(format must be {format!r})"),
                                    where=where, format=FORMAT))
        if r.get("version", int) != FORMAT_VERSION:
            raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: opinion format version "
                                                                      "{version!r}; this program reads "
                                                                      "{format_version}"),
                                    where=where, version=d.get('version'), format_version=FORMAT_VERSION))
        t = r.sub("template")
        c = r.sub("concordance", optional=True)
        o = r.sub("outcome", optional=True)
        fields = r.get("fields", dict, default={})
        for k in fields:
            if not isinstance(k, str):
                raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: fields: keys must be strings"),
                                        where=where))
        answers = [Answer(question=a.get("question", str), answer=a.get("answer", str, default=""))
                   for a in r.items("answers")]
        images = [ImageRef(key_image_id=i.get("key_image_id", str), caption=i.get("caption", str, default=""))
                  for i in r.items("images")]
        surgery = o.get("surgery", str, default="") if o else ""
        if surgery and surgery not in SURGERY_VALUES:
            raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: outcome.surgery must be one of "
                                                                      "{join} or empty"),
                                    where=where, join=', '.join(SURGERY_VALUES)))
        add = None
        if d.get("addendum") is not None:
            a = r.sub("addendum")
            add = Addendum(cites_version=a.get("cites_version", int), cites_sha256=a.get("cites_sha256", str),
                           reason=a.get("reason", str, default=""))
            if not _SHA256.match(add.cites_sha256):
                raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: addendum.cites_sha256 must be "
                                                                          "64 lowercase hex digits"), where=where))
        return cls(
            specialty=t.get("specialty", str), language=t.get("language", str),
            report_id=r.get("report_id", str, default="") or "R-" + uuid.uuid4().hex[:12].upper(),
            concordance=Concordance(choice=c.get("choice", str, default="") if c else "",
                                    comment=c.get("comment", str, default="") if c else ""),
            fields=dict(fields), answers=answers, images=images,
            outcome=Outcome(diagnosis_changed=o.get("diagnosis_changed", bool, default=None) if o else None,
                            treatment_changed=o.get("treatment_changed", bool, default=None) if o else None,
                            surgery=surgery),
            addendum=add)

    @classmethod
    def from_json(cls, text: str, where: str = "opinion") -> "Opinion":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: not valid JSON (line {line})"),
                                    where=where, line=getattr(exc, 'lineno', '?'))) from None
        return cls.from_dict(data, where)


class _Reader:
    """Typed access to a JSON object with errors that name the key (never the value)."""

    def __init__(self, d: Any, where: str):
        if not isinstance(d, dict):
            raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}: must be a JSON object"), where=where))
        self.d = d
        self.where = where

    _MISSING = object()

    def get(self, key: str, typ: type, default: Any = _MISSING) -> Any:
        if key not in self.d or (self.d[key] is None and default is None):
            if default is self._MISSING:
                raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}.{key}: missing"),
                                        where=self.where, key=key))
            return default
        v = self.d[key]
        if typ is int and isinstance(v, bool) or not isinstance(v, typ):
            raise OpinionError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{where}.{key}: must be {name}"),
                                    where=self.where, key=key, name=typ.__name__))
        return v

    def sub(self, key: str, optional: bool = False) -> "_Reader | None":
        if optional and self.d.get(key) is None:
            return None
        return _Reader(self.get(key, dict), f"{self.where}.{key}")

    def items(self, key: str) -> list["_Reader"]:
        return [_Reader(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(self.get(key, list, default=[]))]


# -- drafting -------------------------------------------------------------------------------------
def new_opinion(template: Template, case: CaseDetail | None = None) -> Opinion:
    """An empty opinion for a template, with one answer slot per question of the case."""
    questions = list(case.questions) if case else []
    if case and not questions and case.summary.question:
        questions = [case.summary.question]
    return Opinion(specialty=template.specialty, language=template.language,
                   answers=[Answer(question=q) for q in questions])


def concordance_category(opinion: Opinion, template: Template) -> str:
    """agree | minor | major, or "" when no (valid) concordance is chosen."""
    c = template.concordance.choice(opinion.concordance.choice)
    return c.category if c else ""


def outcome_record(opinion: Opinion, template: Template) -> dict:
    """The structured outcome sent with the submission (DESIGN §4)."""
    return {"concordance": opinion.concordance.choice, "concordance_scale": template.concordance.scale,
            "concordance_category": concordance_category(opinion, template),
            "diagnosis_changed": opinion.outcome.diagnosis_changed,
            "treatment_changed": opinion.outcome.treatment_changed,
            "surgery": opinion.outcome.surgery or None,
            "addendum": opinion.addendum is not None}


# -- ready to sign? -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """Something that stops signing. ``where`` is a stable path the editor can focus
    (``fields.<id>``, ``fields.<id>[row].<column>``, ``concordance``, ``answers[i]``, ``images[i]``,
    ``outcome.<name>``, ``addendum``); ``message`` says what is missing, in the template's words."""
    where: str
    message: str


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def _field_problems(f: Field, value: Any) -> list[Problem]:
    where = f"fields.{f.id}"
    if _empty(value):
        return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” is required"),
                                    label=f.label))] if f.required else []
    if f.type in ("text", "longtext", "date", "choice"):
        if not isinstance(value, str):
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” must be text"), label=f.label))]
        if f.type == "choice" and value not in {c.value for c in f.choices}:
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}”: choose one of the listed options"),
                                        label=f.label))]
        if f.type == "date" and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” must be a date (YYYY-MM-DD)"),
                                        label=f.label))]
    elif f.type in ("list", "multichoice"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” must be a list of texts"),
                                        label=f.label))]
        if f.type == "multichoice":
            bad = [v for v in value if v not in {c.value for c in f.choices}]
            if bad:
                return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}”: {n} value(s) are not among the listed options"),
                                    label=f.label, n=len(bad)))]
        if f.required and not any(v.strip() for v in value):
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” is required"), label=f.label))]
    elif f.type == "bool":
        if not isinstance(value, bool):
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” must be yes or no"),
                                        label=f.label))]
    elif f.type == "table":
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            return [Problem(where, Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}” must be a list of rows"),
                                        label=f.label))]
        out = []
        known = {c.id for c in f.columns}
        for i, row in enumerate(value, 1):
            for k in row:
                if k not in known:
                    out.append(Problem(f"{where}[{i}]", Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{label}”, row {i}: unknown column {column}"),
                                                           label=f.label, i=i, column=repr(k))))
            for c in f.columns:
                v = row.get(c.id, "")
                if not isinstance(v, str):
                    out.append(Problem(f"{where}[{i}].{c.id}", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                        "“{label}”, row {i}: “{column}” must be text"), label=f.label, i=i, column=c.label)))
                elif c.required and not v.strip():
                    out.append(Problem(f"{where}[{i}].{c.id}", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                        "“{label}”, row {i}: “{column}” is required"), label=f.label, i=i, column=c.label)))
        return out
    return []


def check_ready_to_sign(opinion: Opinion, template: Template, *, case: CaseDetail | None = None,
                        available_images: set[str] | None = None) -> list[Problem]:
    """Everything that must be fixed before the opinion can be signed; empty when ready.

    With ``case``, every question of the case must have an answer; with ``available_images`` (ids of
    the case's key images), every image the opinion shows must still exist.
    """
    problems: list[Problem] = []
    if opinion.specialty != template.specialty:
        problems.append(Problem("template", Text(QT_TRANSLATE_NOOP("OpinionCheck",
            "The opinion is for {specialty} but the template is for {expected}"),
            specialty=repr(opinion.specialty), expected=repr(template.specialty))))
    spec = template.concordance
    if not opinion.concordance.choice:
        if spec.required:
            problems.append(Problem("concordance", Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{heading}”: choose a {scale} category"),
                                                         heading=spec.heading, scale=spec.scale)))
    elif spec.choice(opinion.concordance.choice) is None:
        problems.append(Problem("concordance", Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{heading}”: {choice} is not a {scale} category"),
                                                     heading=spec.heading, choice=repr(opinion.concordance.choice),
                                                     scale=spec.scale)))
    elif spec.choice(opinion.concordance.choice).category != "agree" and not opinion.concordance.comment.strip():
        problems.append(Problem("concordance.comment", Text(QT_TRANSLATE_NOOP("OpinionCheck",
            "“{heading}”: explain the discrepancy in the comment"), heading=spec.heading)))

    known = {f.id for f in template.fields()}
    for key in opinion.fields:
        if key not in known:
            problems.append(Problem(f"fields.{key}", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                "The field {field} is not in the {title} template"), field=repr(key), title=template.title)))
    for f in template.fields():
        problems.extend(_field_problems(f, opinion.fields.get(f.id)))

    if template.answers.required:
        if case is not None:
            asked = list(case.questions) or ([case.summary.question] if case.summary.question else [])
            have = {a.question.strip() for a in opinion.answers}
            for i, q in enumerate(asked, 1):
                if q.strip() not in have:
                    problems.append(Problem(f"answers[{i}]", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                        "“{heading}”: question {i} of the case has no answer slot"),
                                                                  heading=template.answers.heading, i=i)))
        for i, a in enumerate(opinion.answers, 1):
            if not a.answer.strip():
                problems.append(Problem(f"answers[{i}]", Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{heading}”: answer question {i}"),
                                                                heading=template.answers.heading, i=i)))

    if template.images.required and not opinion.images:
        problems.append(Problem("images", Text(QT_TRANSLATE_NOOP("OpinionCheck", "“{heading}”: add at least one image"),
                                                  heading=template.images.heading)))
    for i, img in enumerate(opinion.images, 1):
        if available_images is not None and img.key_image_id not in available_images:
            problems.append(Problem(f"images[{i}]", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                "“{heading}”: image {i} no longer exists in the case"), heading=template.images.heading, i=i)))

    if template.outcome.required:
        oc = template.outcome
        if opinion.outcome.diagnosis_changed is None:
            problems.append(Problem("outcome.diagnosis_changed", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                "“{heading}”: say whether the diagnosis changed"), heading=oc.heading)))
        if opinion.outcome.treatment_changed is None:
            problems.append(Problem("outcome.treatment_changed", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                "“{heading}”: say whether the treatment changed"), heading=oc.heading)))
        if not opinion.outcome.surgery:
            problems.append(Problem("outcome.surgery", Text(QT_TRANSLATE_NOOP("OpinionCheck",
                "“{heading}”: say whether surgery was avoided or changed (or not applicable)"), heading=oc.heading)))
    if opinion.addendum is not None and not opinion.addendum.reason.strip():
        problems.append(Problem("addendum", Text(QT_TRANSLATE_NOOP("OpinionCheck", "An addendum needs the reason for the change"))))
    return problems
