"""stage_inconsistency: a stage group that does not follow from its T/N/M (AJCC 8th edition table
in staging.toml), a T category that does not fit the tumour size, an N category that does not
fit the count of positive nodes, and T categories that differ between records."""
from __future__ import annotations

from collections import Counter

from reviewer.summary.flags.base import FlagInputs, flag_text, values_text
from reviewer.summary.flags.terms import term

SITE_OF_TERM = {"breast cancer": "breast", "lung cancer": "lung", "colorectal cancer": "colon",
                "prostate cancer": "prostate", "invasive ductal carcinoma": "breast",
                "invasive lobular carcinoma": "breast", "ductal carcinoma in situ": "breast"}


def case_site(inp: FlagInputs) -> str | None:
    votes = Counter()
    for f in inp.of("site", "diagnosis", "histology"):
        if f.context.negated or f.context.family:
            continue
        site = f.normalized if f.kind == "site" else SITE_OF_TERM.get(f.normalized)
        if site:
            votes[site] += 1
    return votes.most_common(1)[0][0] if votes else None


def _matches(code: str, patterns) -> bool:
    return any(code.startswith(p) for p in patterns)


def expected_stage(table: dict, t: str, n: str, m: str) -> str | None:
    m = m or "M0"
    if t in ("TX",) or n in ("NX",):
        return None
    for row in table["rows"]:
        if _matches(t, row["t"]) and _matches(n, row["n"]) and _matches(m, row["m"]):
            return row["stage"]
    return None


def _compatible(stated: str, expected: str) -> bool:
    return stated.startswith(expected) or expected.startswith(stated)


def _row_for(rows, code: str, key: str):
    exact = [r for r in rows if r[key] == code]
    if exact:
        return exact[0]
    prefix = sorted((r for r in rows if code.startswith(r[key])), key=lambda r: -len(r[key]))
    return prefix[0] if prefix else None


def check(inp: FlagInputs):
    p = inp.params("stage_inconsistency")
    site = case_site(inp)
    tables = inp.rules["staging"]["sites"]
    tnms = inp.of("tnm")
    if site in tables and tnms:
        table = tables[site]
        for s in inp.of("stage"):
            if s.context.negated:
                continue
            same_doc = [t for t in tnms if t.source.document == s.source.document] or tnms
            for t in same_doc:
                a = t.attributes
                exp = expected_stage(table, a["t"], a["n"], a["m"])
                if exp and not _compatible(s.normalized, exp):
                    yield inp.flag("stage_inconsistency", "stage.group", flag_text(p["stage_message"],
                        stage=s.normalized, tnm=t.normalized, expected=exp, site=term(site)), [s, t])
        sizes = inp.of("tumour_size")
        for t in tnms:
            row = _row_for(table.get("t_size_mm", []), t.attributes["t"], "t")
            here = [z for z in sizes if z.source.document == t.source.document]
            if not row or not here:
                continue
            if not any(row["min"] < z.attributes["mm"] <= row["max"] for z in here):
                z = max(here, key=lambda z: z.attributes["mm"])
                yield inp.flag("stage_inconsistency", "stage.t_size", flag_text(p["size_message"],
                    t=t.attributes["t"], size=f"{z.attributes['mm']:g}", site=term(site),
                    range=f"> {row['min']:g} to {row['max']:g} mm"), [t, *here])
        nodes = inp.of("lymph_nodes")
        for t in tnms:
            row = _row_for(table.get("n_nodes", []), t.attributes["n"], "n")
            if not row:
                continue
            bad = [c for c in nodes if not row["min"] <= c.attributes["positive"] <= row["max"]]
            if bad:
                c = bad[0]
                yield inp.flag("stage_inconsistency", "stage.n_nodes", flag_text(p["nodes_message"],
                    n=t.attributes["n"], count=c.attributes["positive"], site=term(site),
                    range=(str(row["min"]) if row["min"] == row["max"] else f"{row['min']}-{row['max']}"
                           if row["max"] < 1000 else f"{row['min']} or more")), [t, *bad])
    # T category differing between records (same prefix kind, e.g. pathologic)
    groups: dict[str, list] = {}
    for t in tnms:
        if t.attributes["t"] not in ("TX",):
            groups.setdefault(t.attributes["prefix"] + t.attributes["t"], []).append(t)
    by_prefix: dict[str, dict] = {}
    for key, fs in groups.items():
        by_prefix.setdefault(fs[0].attributes["prefix"], {})[key] = fs
    for prefix, g in by_prefix.items():
        bases = {k.lstrip("ycpra")[:2] for k in g}
        if len(bases) > 1:
            yield inp.flag("stage_inconsistency", "stage.t_differs", flag_text(p["differ_message"],
                part="T", values=values_text(g)), [f for fs in g.values() for f in fs])
