#!/usr/bin/env python3
"""Regenerate data/admin_units.tsv from the PyPI package `vietnamadminunits`.

Pinned source: vietnamadminunits==1.0.4 (MIT, (c) 2025 Tran Ngoc Minh Hieu,
https://github.com/tranngocminhhieu/vietnamadminunits). Install it with

    pip install vietnamadminunits==1.0.4

then run, from the repository root,

    python3 scripts/admin_units.py            # writes data/admin_units.tsv
    python3 scripts/admin_units.py --check    # fails if the file is stale

The package ships a SQLite file (data/dataset.db: tables `admin_units_legacy`,
the 63 provinces / 696 districts / 10,035 communes before 1 July 2025, and
`admin_units`, the 34 provinces / 3,321 communes after) and the old -> new
mapping (data/converter_2025.json). Only codes, names and the mapping are
kept; coordinates, search keys and aliases are dropped.

Output: one unit a line, tab-separated, sorted by (level, code, former before
in force), columns

    code  level  name  parent  until  successors

- level: tinh | huyen | xa
- name: official name with its type word, NFC, as the package spells it
  (only the type word's case is normalised: "Thị Trấn" -> "Thị trấn")
- parent: code of the unit that held it in its own period (empty for a
  province)
- until: last day in force (2025-06-30) for units that ended at the reform,
  empty for units in force
- successors: comma-separated codes of the units in force that took it over,
  the package's default first. Former province -> its new province; former
  district -> the new province that holds it; former commune -> new
  commune(s).

A pre-reform province the reform left alone (same code, same name, not
merged with another) has a single line, in force, with no `until`.
"""

import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

PINNED = "1.0.4"
UNTIL = "2025-06-30"
OUT = Path(__file__).resolve().parent.parent / "data" / "admin_units.tsv"

# Type words, longest first so "Thành phố" wins over nothing shorter.
TYPES = ["Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã"]
LEVEL_RANK = {"tinh": 0, "huyen": 1, "xa": 2}


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def official(name):
    """NFC name with its type word in the official case ("Thị Trấn" -> "Thị trấn")."""
    name = " ".join(nfc(name).split())
    for t in TYPES:
        if name.lower().startswith(t.lower() + " "):
            return t + name[len(t):]
    raise SystemExit(f"no type word in {name!r}")


def main():
    import vietnamadminunits  # noqa: F401  (fails early if not installed)
    from importlib.metadata import version

    got = version("vietnamadminunits")
    if got != PINNED:
        raise SystemExit(f"vietnamadminunits {got} installed, this script is pinned to {PINNED}")
    pkg = Path(vietnamadminunits.__file__).parent / "data"
    db = sqlite3.connect(pkg / "dataset.db")
    conv = json.loads((pkg / "converter_2025.json").read_text(encoding="utf-8"))

    rows = {}  # (code, former) -> [code, level, name, parent, until, successors]

    # In force since 2025-07-01.
    new_prov = {}  # provinceKey -> code
    new_ward = {}  # (provinceKey, wardKey) -> code
    for pk, pc, pn, wk, wc, wn in db.execute(
        "SELECT provinceKey, provinceCode, province, wardKey, wardCode, ward FROM admin_units"
    ):
        new_prov[pk] = pc
        new_ward[(pk, wk)] = wc
        rows[(pc, False)] = [pc, "tinh", official(pn), "", "", []]
        rows[(wc, False)] = [wc, "xa", official(wn), pc, "", []]

    # Former province -> new province.
    old_to_new_prov = {}
    for newk, olds in conv["DICT_PROVINCE"].items():
        for o in olds:
            old_to_new_prov[o] = (newk, len(olds) == 1)

    old_key = {}  # "prov_dist_ward" -> old ward code (or district code for wardless islands)
    for pk, pc, pn, dk, dc, dn, wk, wc, wn in db.execute(
        "SELECT provinceKey, provinceCode, province, districtKey, districtCode, district,"
        " wardKey, wardCode, ward FROM admin_units_legacy"
    ):
        newk, alone = old_to_new_prov[pk]
        npc = new_prov[newk]
        if alone:
            # Untouched by the reform: one unit, in force, same code and name.
            assert npc == pc and rows[(pc, False)][2] == official(pn), (pk, pn)
        else:
            rows[(pc, True)] = [pc, "tinh", official(pn), "", UNTIL, [npc]]
        rows[(dc, True)] = [dc, "huyen", official(dn), pc, UNTIL, [npc]]
        if wc is None:
            old_key[f"{pk}_{dk}_"] = (dc, None)  # island district without communes
        else:
            rows[(wc, True)] = [wc, "xa", official(wn), dc, UNTIL, []]
            old_key[f"{pk}_{dk}_{wk}"] = (dc, wc)

    # Former commune -> new commune(s). Islands: former district -> special zone.
    def add_successors(okey, codes):
        dc, wc = old_key[okey]
        if wc is None:
            row = rows[(dc, True)]
            row[5] = row[5] + [c for c in codes if c not in row[5]]
        else:
            row = rows[(wc, True)]
            assert not row[5], okey
            row[5] = codes

    for pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            for o in olds:
                add_successors(o, [new_ward[(pk, wk)]])
    for pk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, news in olds.items():
            default = [new_ward[(pk, n["newWardKey"])] for n in news if n["isDefaultNewWard"]]
            others = sorted(new_ward[(pk, n["newWardKey"])] for n in news if not n["isDefaultNewWard"])
            assert len(default) == 1, o
            add_successors(o, default + others)

    missing = [r[0] for r in rows.values() if r[4] and not r[5]]
    assert not missing, missing

    out = sorted(rows.values(), key=lambda r: (LEVEL_RANK[r[1]], r[0], r[4] == ""))
    lines = ["\t".join(r[:5] + [",".join(r[5])]) for r in out]
    text = "\n".join(lines) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} is stale: rerun scripts/admin_units.py")
        print(f"{OUT} is up to date")
        return
    OUT.write_text(text, encoding="utf-8")
    counts = {}
    for r in out:
        k = (r[1], "former" if r[4] else "in force")
        counts[k] = counts.get(k, 0) + 1
    print(f"wrote {OUT} ({len(text.encode())} bytes, {len(out)} units) from vietnamadminunits {got}")
    for (lvl, era), n in sorted(counts.items(), key=lambda kv: (LEVEL_RANK[kv[0][0]], kv[0][1])):
        print(f"  {lvl:5} {era:8} {n}")


if __name__ == "__main__":
    main()
