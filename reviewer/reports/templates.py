"""Report templates: data files (``report_templates/<specialty>.<language>.toml``) loaded into frozen
dataclasses.

Why data and not code: a department adds a specialty or a language, or rewords a heading, without a
release of the program. Why strict: a misspelt key (``requird = true``) silently ignored would let an
opinion be signed without a field the department thought mandatory, so every unknown key and every
bad value is an error that names the file and the key.

A template has fixed parts that the platform consumes in structured form (concordance with the first
opinion, answers to the patient's questions, key images, outcome) and free sections of typed fields
(revised diagnosis, staging, management, biomarker tables, ...). Field ids and choice values are the
same in every language of a specialty, so one opinion renders in English or Japanese alike.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from reviewer.errors import ReviewerError
from reviewer.paths import report_template
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

FIELD_TYPES = ("text", "longtext", "choice", "multichoice", "bool", "date", "list", "table")
CONCORDANCE_CATEGORIES = ("agree", "minor", "major")
LANGUAGES = ("en", "ja")

# Labels of the fixed parts of every report; each template must give all of them.
LABEL_KEYS = (
    "platform_case", "case", "report_id", "version", "version_n", "draft", "page", "generated",
    "patient", "name", "birth_date", "sex", "mrn", "sex_male", "sex_female", "sex_other", "sex_unknown",
    "first_opinion", "concordance_category", "category_agree", "category_minor", "category_major",
    "comment", "question", "answer", "scale_bar", "image", "signature", "signature_note",
    "addendum", "addendum_cites", "addendum_reason", "yes", "no", "not_stated",
)
OUTCOME_KEYS = ("heading", "diagnosis_changed", "treatment_changed", "surgery", "surgery_avoided",
                "surgery_changed", "surgery_unchanged", "surgery_not_applicable")
SURGERY_VALUES = ("avoided", "changed", "unchanged", "not_applicable")


class TemplateError(ReviewerError):
    """A template file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    category: str = ""          # concordance choices only: agree | minor | major


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    required: bool = False


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    type: str                               # one of FIELD_TYPES
    required: bool = False
    help: str = ""
    choices: tuple[Choice, ...] = ()        # choice, multichoice
    columns: tuple[Column, ...] = ()        # table

    def choice_label(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    fields: tuple[Field, ...]
    boilerplate: str = ""


@dataclass(frozen=True)
class Part:
    """A fixed part of the report (answers, key images): its heading and whether it is required."""
    heading: str
    required: bool
    help: str = ""


@dataclass(frozen=True)
class ConcordanceSpec:
    heading: str
    scale: str                              # e.g. "RADPEER", "pathology discrepancy categories"
    required: bool
    choices: tuple[Choice, ...]
    help: str = ""

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True)
class OutcomeSpec:
    heading: str
    diagnosis_changed: str
    treatment_changed: str
    surgery: str
    surgery_avoided: str
    surgery_changed: str
    surgery_unchanged: str
    surgery_not_applicable: str
    required: bool = True

    def surgery_label(self, value: str) -> str:
        return getattr(self, f"surgery_{value}", value) if value in SURGERY_VALUES else value


@dataclass(frozen=True)
class Template:
    specialty: str
    language: str
    version: int
    title: str
    labels: dict[str, str]          # LABEL_KEYS -> text (a fresh dict per load; treat as read-only)
    intro: str
    disclaimer: str
    concordance: ConcordanceSpec
    sections: tuple[Section, ...]
    answers: Part
    images: Part
    outcome: OutcomeSpec
    source: str                     # the file it came from, for messages

    @property
    def key(self) -> str:
        return f"{self.specialty}.{self.language}"

    def fields(self) -> Iterator[Field]:
        for s in self.sections:
            yield from s.fields

    def field(self, field_id: str) -> Field:
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def label(self, key: str) -> str:
        return self.labels[key]


# -- reading ------------------------------------------------------------------------------------
class _Table:
    """One TOML table being read: every key must be consumed, so leftovers are reported as unknown."""

    def __init__(self, data: Any, where: str, source: str):
        if not isinstance(data, dict):
            raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{source}: [{where}] must be a table"),
                                     source=source, where=where))
        self.data = data
        self.where = where
        self.source = source
        self.seen: set[str] = set()

    def _err(self, key: str, msg: str) -> TemplateError:
        path = f"{self.where}.{key}" if self.where else key
        return TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{source}: {path}: {msg}"),
                                  source=self.source, path=path, msg=msg))

    def _get(self, key: str, required: bool):
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise self._err(key, "missing")
            return None
        return self.data[key]

    def str(self, key: str, required: bool = True, default: str = "", allowed: tuple[str, ...] = ()) -> str:
        v = self._get(key, required)
        if v is None:
            return default
        if not isinstance(v, str):
            raise self._err(key, f"must be a string, not {type(v).__name__}")
        if required and not v.strip():
            raise self._err(key, "must not be empty")
        if allowed and v not in allowed:
            raise self._err(key, f"{v!r} is not one of {', '.join(allowed)}")
        return v

    def bool(self, key: str, default: bool = False) -> bool:
        v = self._get(key, False)
        if v is None:
            return default
        if not isinstance(v, bool):
            raise self._err(key, f"must be true or false, not {v!r}")
        return v

    def int(self, key: str) -> int:
        v = self._get(key, True)
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise self._err(key, f"must be a positive integer, not {v!r}")
        return v

    def table(self, key: str) -> "_Table":
        v = self._get(key, True)
        return _Table(v, f"{self.where}.{key}" if self.where else key, self.source)

    def tables(self, key: str, required: bool = True) -> list["_Table"]:
        v = self._get(key, required)
        if v is None:
            return []
        if not isinstance(v, list) or (required and not v):
            raise self._err(key, "must be a non-empty array of tables")
        base = f"{self.where}.{key}" if self.where else key
        return [_Table(item, f"{base}[{i}]", self.source) for i, item in enumerate(v)]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self._err(unknown[0], "unknown key" + (f" (also: {', '.join(unknown[1:])})" if unknown[1:] else ""))


def _unique(items, what: str, t: _Table) -> None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise t._err(what, f"duplicate id {item!r}")
        seen.add(item)


def _choices(t: _Table, key: str, concordance: bool) -> tuple[Choice, ...]:
    out = []
    for c in t.tables(key):
        ch = Choice(value=c.str("value"), label=c.str("label"),
                    category=c.str("category", allowed=CONCORDANCE_CATEGORIES) if concordance else "")
        c.done()
        out.append(ch)
    _unique([c.value for c in out], key, t)
    return tuple(out)


def _field(t: _Table) -> Field:
    ftype = t.str("type", allowed=FIELD_TYPES)
    fid = t.str("id")
    if not fid.replace("_", "").isalnum() or not fid.isascii():
        raise t._err("id", f"{fid!r} must be letters, digits and underscores")
    choices = _choices(t, "choices", False) if ftype in ("choice", "multichoice") else ()
    columns: tuple[Column, ...] = ()
    if ftype == "table":
        cols = []
        for c in t.tables("columns"):
            cols.append(Column(id=c.str("id"), label=c.str("label"), required=c.bool("required")))
            c.done()
        _unique([c.id for c in cols], "columns", t)
        columns = tuple(cols)
    f = Field(id=fid, label=t.str("label"), type=ftype, required=t.bool("required"),
              help=t.str("help", required=False), choices=choices, columns=columns)
    t.done()   # a `choices` on a text field is an unknown key: it would be silently unused
    return f


def _part(t: _Table) -> Part:
    p = Part(heading=t.str("heading"), required=t.bool("required"), help=t.str("help", required=False))
    t.done()
    return p


def parse_template(data: dict, source: str) -> Template:
    """Builds a Template from parsed TOML; ``source`` names the file in every error."""
    root = _Table(data, "", source)
    head = root.table("template")
    specialty = head.str("specialty")
    language = head.str("language", allowed=LANGUAGES)
    version = head.int("version")
    title = head.str("title")
    head.done()

    lt = root.table("labels")
    labels = {k: lt.str(k) for k in LABEL_KEYS}
    lt.done()
    for key, names in (("page", ("{page}", "{pages}")), ("version_n", ("{n}",)),
                       ("addendum_cites", ("{version}", "{sha256}"))):
        if not all(n in labels[key] for n in names):
            raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{source}: labels.{key}: must contain "
                                                                       "{join}"),
                                     source=source, key=key, join=' and '.join(names)))

    bt = root.table("boilerplate")
    intro, disclaimer = bt.str("intro"), bt.str("disclaimer")
    bt.done()

    ct = root.table("concordance")
    concordance = ConcordanceSpec(heading=ct.str("heading"), scale=ct.str("scale"), required=ct.bool("required", True),
                                  help=ct.str("help", required=False), choices=_choices(ct, "choices", True))
    ct.done()
    if "agree" not in {c.category for c in concordance.choices}:
        raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{source}: concordance.choices: no choice "
                                                                   "has category 'agree'"), source=source))

    sections = []
    for st in root.tables("sections"):
        sid = st.str("id")
        fields = tuple(_field(ft) for ft in st.tables("fields"))
        sections.append(Section(id=sid, heading=st.str("heading"), fields=fields,
                                boilerplate=st.str("boilerplate", required=False)))
        st.done()
    _unique([s.id for s in sections], "sections", root)
    _unique([f.id for s in sections for f in s.fields], "sections.fields", root)

    answers = _part(root.table("answers"))
    images = _part(root.table("images"))
    ot = root.table("outcome")
    outcome = OutcomeSpec(**{k: ot.str(k) for k in OUTCOME_KEYS}, required=ot.bool("required", True))
    ot.done()
    root.done()
    return Template(specialty=specialty, language=language, version=version, title=title, labels=labels,
                    intro=intro, disclaimer=disclaimer, concordance=concordance, sections=tuple(sections),
                    answers=answers, images=images, outcome=outcome, source=source)


def load_template_file(path: Path) -> Template:
    """Loads one template file; its name must be ``<specialty>.<language>.toml`` matching its contents."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{name}: cannot be read ({strerror})"),
                                 name=path.name, strerror=exc.strerror)) from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{name}: not valid TOML ({exc})"),
                                 name=path.name, exc=exc)) from None
    t = parse_template(data, path.name)
    if path.name != f"{t.key}.toml":
        raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "{name}: declares {specialty!r} in "
                                                                   "{language!r}; name the file {key}.toml"),
                                 name=path.name, specialty=t.specialty, language=t.language, key=t.key))
    return t


def template_dir() -> Path:
    return report_template()


def available_templates(directory: Path | None = None) -> list[tuple[str, str]]:
    """(specialty, language) pairs of the template files present, sorted."""
    d = Path(directory) if directory else template_dir()
    out = []
    for p in sorted(d.glob("*.toml")):
        parts = p.name[:-len(".toml")].split(".")
        if len(parts) == 2:
            out.append((parts[0], parts[1]))
    return out


def load_template(specialty: str, language: str = "en", directory: Path | None = None) -> Template:
    """The template of a specialty in a language, from ``report_templates/`` (or ``directory``)."""
    d = Path(directory) if directory else template_dir()
    path = d / f"{specialty}.{language}.toml"
    if not path.is_file():
        have = ", ".join(f"{s}.{lang}" for s, lang in available_templates(d)) or "none"
        raise TemplateError(Text(QT_TRANSLATE_NOOP("ReportErrors", "No report template {specialty}.{language} "
                                                                   "(available: {have})"),
                                 specialty=specialty, language=language, have=have))
    return load_template_file(path)
