"""duplicate_document: two records with the same bytes, the same text, or nearly the same text
(word-shingle Jaccard similarity at or above the threshold in flags.toml)."""
from __future__ import annotations

import re

from reviewer.summary.flags.base import FlagInputs, flag_text, name_of

_WORDS = re.compile(r"\w+")


def _shingles(text: str, k: int) -> set[tuple]:
    words = _WORDS.findall(text.lower())
    return {tuple(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}


def check(inp: FlagInputs):
    p = inp.params("duplicate_document")
    k = int(p["shingle_words"])
    docs = {}
    for d in inp.documents:
        if d.fhir_path or d.document in docs:
            continue
        docs[d.document] = d
    anchors = {f.source.document: f for f in inp.of("document")}
    items = [(name, d, "\n".join(pg.text for pg in d.pages)) for name, d in sorted(docs.items()) if name in anchors]
    sh = {name: _shingles(text, k) for name, _, text in items if text.strip()}
    for i, (a, da, ta) in enumerate(items):
        for b, db, tb in items[i + 1:]:
            if not ta.strip() or not tb.strip():
                continue
            if da.sha256 and da.sha256 == db.sha256:
                how = " (identical files)"
            elif " ".join(ta.split()) == " ".join(tb.split()):
                how = " (identical text)"
            else:
                sa, sb = sh[a], sh[b]
                sim = len(sa & sb) / max(1, len(sa | sb))
                if sim < float(p["similarity"]):
                    continue
                how = f" ({sim:.0%} of their text is the same)"
            yield inp.flag("duplicate_document", "duplicate.text",
                           flag_text(p["message"], a=name_of(a), b=name_of(b), how=how), [anchors[a], anchors[b]])
