"""missing_record: a cancer diagnosis without a pathology report or slides; an imaging study
cited in a note whose images and report are both absent (and, as extra evidence, findings
attributed to it that the records present deny)."""
from __future__ import annotations

from datetime import date

from reviewer.i18n import LocalDate, Template, Text
from reviewer.summary.flags.base import FLAG_CONTEXT, FlagInputs, flag_text


def _days(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10 ** 6


def _has_pathology(inp: FlagInputs) -> bool:
    if any(i.kind == "slide" for i in inp.images):
        return True
    return any(inp.doc_kind(d.document) == "pathology" for d in inp.documents if not d.fhir_path)


def _study_present(inp: FlagInputs, f, tol: int) -> bool:
    spec = inp.rules["vocabulary"]["imaging_studies"][f.attributes["study"]]
    when = f.attributes["date"]
    for img in inp.images:
        if img.kind == "series" and img.modality in spec["modality"] and img.study_date and _days(img.study_date, when) <= tol:
            return True
    terms = [t.lower() for t in spec["report_terms"]]
    for d in inp.documents:
        if d.fhir_path or d.document == f.source.document:
            continue
        label = f" {d.title} ".lower()
        if not any(t in label for t in terms):
            continue
        if d.date and _days(d.date, when) <= tol:
            return True
        if any(x.kind == "date" and x.source.document == d.document and _days(x.normalized, when) <= tol
               for x in inp.facts):
            return True
    return False


def check(inp: FlagInputs):
    p = inp.params("missing_record")
    cancer = [f for f in inp.of("diagnosis", "histology", asserted=True)
              if f.kind == "histology" or f.attributes.get("cancer")]
    if cancer and not _has_pathology(inp):
        yield inp.flag("missing_record", "missing.pathology",
                       flag_text(p["pathology_message"], diagnosis=cancer[0].normalized), [cancer[0]])
    tol = int(p.get("date_tolerance_days", 1))
    done: set[str] = set()
    for f in inp.of("imaging_study"):
        if f.normalized in done or _study_present(inp, f, tol):
            continue
        done.add(f.normalized)
        evidence = [f]
        claims = [d for d in inp.of("diagnosis", asserted=True) if d.source.document == f.source.document
                  and d.source.page == f.source.page and _same_sentence(inp, d, f)]
        contradiction = []
        for c in claims:
            deny = [d for d in inp.of("diagnosis") if d.normalized == c.normalized and d.context.negated
                    and d.source.document != f.source.document]
            if deny:
                evidence += [c, *deny]
                contradiction.append(f"no {c.normalized} in {deny[0].source.document.rsplit('/', 1)[-1]}")
        msg = flag_text(p["imaging_message"], study=f.attributes["study"], date=LocalDate(f.attributes["date"]))
        if contradiction:
            msg = Text(Template(FLAG_CONTEXT, "{message}{more}"), message=msg,
                       more=flag_text(p["contradicted_message"], contradiction="; ".join(contradiction)))
        yield inp.flag("missing_record", "missing.imaging", msg, evidence)


def _same_sentence(inp: FlagInputs, a, b) -> bool:
    """Both facts on one line of the same page (citations in notes are line-oriented)."""
    first, second = sorted((a, b), key=lambda f: f.source.start)
    text = inp.page_text(first.source.document, first.source.fhir_path, first.source.page)
    gap = text[first.source.end:second.source.start] if second.source.start >= first.source.end else ""
    return "\n" not in gap and "\r" not in gap and len(gap) < 300
