"""Loads the rule tables in resources/summary_rules/*.toml into compiled matchers.

Rules are data so a clinician can read and extend them without touching code; this module only
compiles them (one regex per dictionary, longest form first). A RuleBook is built once per
summary run and passed down: there is no module-level cache.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reviewer.errors import ReviewerError
from reviewer.paths import resource
from reviewer.i18n import QT_TRANSLATE_NOOP, Text

RULE_FILES = ("context", "vocabulary", "biomarkers", "labs", "medications", "staging", "grading", "flags")


def _is_cjk(form: str) -> bool:
    return any(ord(c) > 0x2E80 for c in form)


def _form_pattern(form: str) -> str:
    body = r"\s+".join(re.escape(part) for part in form.split())
    if _is_cjk(form):
        return body
    left = r"(?<![\w])" if form[0].isalnum() else ""
    right = r"(?![\w])" if form[-1].isalnum() else ""
    return left + body + right


@dataclass(frozen=True)
class Lexicon:
    """Surface forms -> canonical term, matched with one compiled regex."""
    regex: re.Pattern
    canon: dict[str, str]          # normalised lower-case form -> canonical

    @classmethod
    def build(cls, table: dict[str, list[str]], *, case_sensitive_short: bool = True) -> "Lexicon":
        canon: dict[str, str] = {}
        pats = []
        for term, forms in table.items():
            for form in forms:
                canon[_key(form)] = term
                pats.append(form)
        pats.sort(key=len, reverse=True)
        parts = []
        for form in pats:
            p = _form_pattern(form)
            # short all-capital abbreviations (ER, PR, CT, MR) only match in capitals
            if case_sensitive_short and form.isupper() and len(form) <= 4 and form.isalpha():
                parts.append(f"(?-i:{p})")
            else:
                parts.append(p)
        regex = re.compile("|".join(parts) if parts else r"(?!x)x", re.IGNORECASE)
        return cls(regex, canon)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Yields (match, canonical term)."""
        for m in self.regex.finditer(text, pos, len(text) if endpos is None else endpos):
            yield m, self.canon.get(_key(m.group(0)), _key(m.group(0)))

    def lookup(self, form: str) -> str | None:
        return self.canon.get(_key(form))


def _key(form: str) -> str:
    return " ".join(form.lower().split())


@dataclass(frozen=True)
class RuleBook:
    """All rule tables, raw (``tables``) and the compiled lexicons the extractors share."""
    tables: dict
    histology: Lexicon
    diagnoses: Lexicon
    sites: Lexicon
    procedures: Lexicon
    sections: Lexicon
    drugs: Lexicon
    tumour_terms: Lexicon
    lesion_terms: Lexicon
    imaging: Lexicon
    qualitative: Lexicon
    lab_names: Lexicon
    structures: Lexicon
    sides: Lexicon

    def __getitem__(self, name: str) -> dict:
        return self.tables[name]

    @property
    def cancer_diagnoses(self) -> set[str]:
        return set(self.tables["vocabulary"]["cancer_diagnoses"]["terms"])


def load_rules(folder: Path | None = None) -> RuleBook:
    folder = folder or resource("summary_rules")
    tables = {}
    for name in RULE_FILES:
        path = folder / f"{name}.toml"
        try:
            with open(path, "rb") as f:
                tables[name] = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ReviewerError(Text(QT_TRANSLATE_NOOP("SummaryErrors", "Summary rule file {name} cannot be read "
                                                                        "({name2}: {exc})"),
                                     name=path.name, name2=type(exc).__name__, exc=exc)) from None
    v = tables["vocabulary"]
    lat = v["laterality"]
    return RuleBook(
        tables=tables,
        histology=Lexicon.build(v["histology"]),
        diagnoses=Lexicon.build(v["diagnoses"]),
        sites=Lexicon.build(v["sites"]),
        procedures=Lexicon.build(v["procedures"]),
        sections=Lexicon.build(v["sections"], case_sensitive_short=False),
        drugs=Lexicon.build({k: d["forms"] for k, d in tables["medications"]["drugs"].items()}),
        tumour_terms=Lexicon.build({t: [t] for t in v["tumour_terms"]["terms"]}),
        lesion_terms=Lexicon.build({t: [t] for t in v["lesion_terms"]["terms"]}),
        imaging=Lexicon.build({k: d["forms"] for k, d in v["imaging_studies"].items()}),
        qualitative=Lexicon.build(tables["labs"]["qualitative"]),
        lab_names=Lexicon.build({k: d["names"] for k, d in tables["labs"]["tests"].items()}),
        structures=Lexicon.build({k: d["forms"] for k, d in lat["structures"].items()}),
        sides=Lexicon.build(lat["sides"]),
    )
