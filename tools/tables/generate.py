"""Regenerates planos' embedded reference tables from the public copies in `../shared/reference/`.

Run through `tools/tables/regenerate` (no network). Reads SISPRO's CIE10, CUPS and CodigoEAPByNit
exports and DANE's and the Ministry's DIVIPOLA, and writes `crates/colombia/src/reference/data/`:

- `divipola.txt` (text): `#` lines naming the sources, then `DD|department` and
  `DDMMM|lists|municipality` lines, `lists` 1 (DANE only), 2 (the Ministry only) or 3 (both).
- `cie10.txt`, `cups.txt`, `eapb.txt` (text): `#` lines naming the source, its export date and row
  count, then one line per code, sorted, with what the checks read; a field at its most common
  value is left out:
  - CIE10: `code` or `code|sex|min|max`, sex 1 male, 2 female, 3 both (AplicaASexo; where it and
    the letter Sexo disagree, 3: read in the user's favour, docs/interpretations.md), ages in
    years; a bare code is 3, 0, 999.
  - CUPS: `code` (both sexes) or `code|F` / `code|M` (Sexo_ZFM; a value that is none of Z, F, M
    is read as Z).
  - EAPB: `code` (enabled) or `code|0` (Habilitado NO).
- `cie10-nombres.deflate`, `cups-nombres.deflate`, `eapb-nombres.deflate`: the names, one line per
  code in the same order, in chunks of `NAMES_PER_CHUNK` names each deflated (zlib) on its own:
  a little-endian u32 count of chunks, count + 1 u32 offsets (from the end of the offsets), then
  the chunks.

The names are stored deflated because they would add about 1.3 MB of text to the page; the
engine inflates a table's names only when a message or a summary needs one, and never for the
checks themselves, so a check does not wait for them.
"""

import csv
import os
import re
import struct
import sys
import zlib

CIE10 = "sispro-cie10-2025-11-23.csv"
CUPS = "sispro-cups-2026-03-17.csv"
EAPB = "sispro-eapb-2025-03-19.csv"
DANE = "dane-divipola-2025-04-08.csv"
MINSALUD = "minsalud-divipola.csv"

# The names are deflated in chunks of this many, each on its own, so that a message or a summary
# that needs a few names inflates a few chunks, not the whole table.
NAMES_PER_CHUNK = 512

# The counts the README of ../shared/reference gives: a different file is refused here, so the
# TABLE constants the messages quote (crates/colombia/src/reference/) are changed on purpose.
EXPECTED = {CIE10: 12634, CUPS: 10024, EAPB: 1691, DANE: 1122, MINSALUD: 1122}


def rows(src, name):
    with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
        data = list(csv.DictReader(f))
    if len(data) != EXPECTED[name]:
        sys.exit(f"{name}: {len(data)} filas, se esperaban {EXPECTED[name]}")
    return data


def clean(text):
    return " ".join(text.replace("|", "/").split())


def export_date(data):
    dates = {r["Fecha_Actualizacion"][:10] for r in data}
    if len(dates) != 1:
        sys.exit(f"varias fechas de exportación: {sorted(dates)}")
    return dates.pop()


def cie10(src):
    data = rows(src, CIE10)
    lines, odd = [], []
    for r in data:
        code = r["Codigo"].strip()
        if not re.fullmatch(r"[A-Z]\d\d[\dX]", code):
            sys.exit(f"código CIE10 inesperado: {code!r}")
        sex = r["AplicaASexo"].strip()
        letter = {"1": "M", "2": "F", "3": "A"}.get(sex)
        if letter is None:
            sys.exit(f"{code}: AplicaASexo {sex!r}")
        if letter != r["Sexo"].strip():
            odd.append(code)
            sex = "3"
        lo, hi = int(r["EdadMinima"]), int(r["EdadMaxima"])
        if not (0 <= lo <= hi <= 999):
            sys.exit(f"{code}: edades {lo}-{hi}")
        rule = "" if (sex, lo, hi) == ("3", 0, 999) else f"|{sex}|{lo}|{hi}"
        lines.append((code, code + rule, clean(r["Nombre"])))
    date = export_date(data)
    head = [
        f"# CIE10 de SISPRO, exportación del {date}, {len(lines)} códigos ({CIE10}).",
        "# código, o código|sexo (1 hombre, 2 mujer, 3 ambos)|edad mínima|edad máxima (años);",
        "# un código solo es 3|0|999. Los nombres, en el mismo orden, en cie10-nombres.deflate.",
        f"# AplicaASexo y Sexo no concuerdan en {', '.join(odd) or 'ninguno'}: se toma 3 (ambos).",
    ]
    return head, sorted(lines), date, odd


def cups(src):
    data = rows(src, CUPS)
    lines = []
    for r in data:
        code = r["Codigo"].strip()
        if not re.fullmatch(r"[0-9A-Z]{4,6}", code):
            sys.exit(f"código CUPS inesperado: {code!r}")
        sex = r["Sexo_ZFM"].strip()
        rule = f"|{sex}" if sex in ("F", "M") else ""
        lines.append((code, code + rule, clean(r["Nombre"])))
    date = export_date(data)
    head = [
        f"# CUPS de SISPRO, exportación del {date}, {len(lines)} códigos ({CUPS}).",
        "# código (ambos sexos), o código|F (mujeres) o código|M (hombres); #N/D se lee Z (ambos).",
        "# Los nombres, en el mismo orden, en cups-nombres.deflate.",
    ]
    return head, sorted(lines), date


def eapb(src):
    data = rows(src, EAPB)
    lines = []
    for r in data:
        code = r["Codigo"].strip()
        if not re.fullmatch(r"[0-9A-Z_-]{1,6}", code):
            sys.exit(f"código EAPB inesperado: {code!r}")
        rule = {"SI": "", "NO": "|0"}[r["Habilitado"].strip()]
        lines.append((code, code + rule, clean(r["Nombre"])))
    date = export_date(data)
    head = [
        f"# CodigoEAPByNit de SISPRO, exportación del {date}, {len(lines)} códigos ({EAPB}).",
        "# código (habilitado), o código|0 (no habilitado). Los nombres, en el mismo orden, en",
        "# eapb-nombres.deflate.",
    ]
    return head, sorted(lines), date


def divipola(src):
    dane = rows(src, DANE)
    ministry = rows(src, MINSALUD)
    names, lists, departments = {}, {}, {}
    for r in dane:
        code = r["codigo_municipio"].strip()
        if not re.fullmatch(r"\d{5}", code):
            sys.exit(f"código DIVIPOLA inesperado: {code!r}")
        names[code] = clean(r["nombre_municipio"])
        lists[code] = 1
        departments.setdefault(code[:2], clean(r["nombre_departamento"]))
    for r in ministry:
        code = r["codigo_municipio"].strip()
        if not re.fullmatch(r"\d{5}", code):
            sys.exit(f"código DIVIPOLA inesperado: {code!r}")
        names.setdefault(code, clean(r["nombre_municipio"]).upper())
        lists[code] = lists.get(code, 0) | 2
        if code[:2] not in departments:
            sys.exit(f"{code}: departamento que el DANE no tiene")
    head = [
        f"# DIVIPOLA del DANE (datos.gov.co gdxc-w37w, exportación del 2025-04-08, {len(dane)} códigos, {DANE})",
        f"# y DIVIPOLA del Ministerio de Salud (datos.gov.co pqwj-3fi4, {len(ministry)} códigos, {MINSALUD}).",
        "# DD|departamento, y DDMMM|listas (1 solo DANE, 2 solo Ministerio, 3 ambas)|municipio (nombre del DANE",
        "# si lo tiene). Generado por tools/tables/regenerate; no editar.",
    ]
    lines = [f"{k}|{v}" for k, v in sorted(departments.items())]
    lines += [f"{k}|{lists[k]}|{names[k]}" for k in sorted(names)]
    only = {n: sorted(k for k, v in lists.items() if v == n) for n in (1, 2)}
    return head, lines, len(departments), len(names), only


def write_text(path, head, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(head + lines) + "\n")


def write_table(out, name, head, lines):
    """`name.txt` (codes and rules) and `name-nombres.deflate` (the names, in the same order)."""
    write_text(os.path.join(out, f"{name}.txt"), head + ["# Generado por tools/tables/regenerate; no editar."], [l[1] for l in lines])
    names = [l[2] for l in lines]
    chunks = [
        zlib.compress(("\n".join(names[i : i + NAMES_PER_CHUNK]) + "\n").encode("utf-8"), 9)
        for i in range(0, len(names), NAMES_PER_CHUNK)
    ]
    offsets, at = [], 0
    for c in chunks:
        offsets.append(at)
        at += len(c)
    offsets.append(at)
    data = struct.pack(f"<{len(offsets) + 1}I", len(chunks), *offsets) + b"".join(chunks)
    with open(os.path.join(out, f"{name}-nombres.deflate"), "wb") as f:
        f.write(data)
    text = sum(len(n.encode("utf-8")) + 1 for n in names)
    return os.path.getsize(os.path.join(out, f"{name}.txt")), text, len(data)


if __name__ == "__main__":
    src, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    head, lines, d, m, only = divipola(src)
    write_text(os.path.join(out, "divipola.txt"), head, lines)
    print(f"DIVIPOLA: {d} departamentos, {m} municipios; solo DANE {only[1]}, solo Ministerio {only[2]}")
    sizes = "códigos %d bytes, nombres %d → %d bytes"
    head, lines, date, odd = cie10(src)
    print(f"CIE10 {date}: {len(lines)} códigos; sexo incoherente: {odd};", sizes % write_table(out, "cie10", head, lines))
    head, lines, date = cups(src)
    print(f"CUPS {date}: {len(lines)} códigos;", sizes % write_table(out, "cups", head, lines))
    head, lines, date = eapb(src)
    print(f"EAPB {date}: {len(lines)} códigos;", sizes % write_table(out, "eapb", head, lines))
