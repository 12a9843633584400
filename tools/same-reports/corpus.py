"""Writes the corpus tools/same-reports checks with two builds of planos: the fixtures, files
the benchmark generator makes, and a few thousand damaged copies of them (seeded, so the same
corpus every time).

usage: corpus.py OUT_DIR BASE_FILE...   (a BASE_FILE ending in .DAT is an answer archive; the
query it answers is the RUA…TXT file in its folder)
"""
import io
import os
import random
import sys
import zipfile

INSERTS = [b",", b"|", b"\r", b"\n", b"\r\n", b"\x1a", b"\xc3\xa9", b"\xe9", b"\xd1",
           b"\xef\xbb\xbf", b" ", b'"', b"a", b"z", b"0", b"9", b"-", b"\x00", b"\t", b"\xff"]


def mutate(rng, data):
    """One to three random damages a person or an editor could do to a flat file."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(10)
        lines = bytes(data).split(b"\n")
        if op == 0 and data:  # flip a byte
            i = rng.randrange(len(data))
            data[i] = rng.randrange(256)
        elif op == 1:  # insert something
            i = rng.randrange(len(data) + 1)
            data[i:i] = rng.choice(INSERTS)
        elif op == 2 and data:  # delete a range
            i = rng.randrange(len(data))
            del data[i:i + rng.randint(1, 12)]
        elif op == 3 and len(lines) > 1:  # repeat a line
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif op == 4 and len(lines) > 2:  # swap two lines
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == 5 and data:  # truncate
            del data[rng.randrange(len(data)):]
        elif op == 6:  # change a digit
            digits = [i for i, b in enumerate(data) if 48 <= b <= 57]
            if digits:
                data[rng.choice(digits)] = rng.randrange(48, 58)
        elif op == 7 and len(lines) > 1:  # drop a line
            del lines[rng.randrange(len(lines))]
            data = bytearray(b"\n".join(lines))
        elif op == 8:  # lower-case a stretch
            i = rng.randrange(len(data) + 1)
            data[i:i + 20] = bytes(data[i:i + 20]).lower()
        else:  # CRLF to LF, or a UTF-8 BOM in front
            data = bytearray(bytes(data).replace(b"\r\n", b"\n")) if rng.random() < 0.5 else bytearray(b"\xef\xbb\xbf" + data)
    return bytes(data)


def rename(rng, name):
    """Usually the annex's name; sometimes a damaged one, lower case, or one saying nothing."""
    r = rng.random()
    if r < 0.8:
        return name
    if r < 0.88:
        return name.lower()
    if r < 0.94:
        return "archivo.txt"
    i = rng.randrange(len(name))
    return name[:i] + rng.choice("0123456789AZ_-") + name[i + 1:]


def damaged_zip(rng, data):
    """An answer archive with one member damaged (re-zipped, digests left as they were), or
    with its ZIP bytes damaged."""
    if rng.random() < 0.3:
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    src = zipfile.ZipFile(io.BytesIO(data))
    members = src.infolist()
    victim = rng.randrange(len(members))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for k, m in enumerate(members):
            body = src.read(m)
            if k == victim and rng.random() < 0.9:
                body = mutate(rng, body)
            elif k == victim:
                continue  # a member missing
            z.writestr(m.filename, body)
    return out.getvalue()


def main():
    out, bases = sys.argv[1], sys.argv[2:]
    per = int(os.environ.get("PER_BASE", "400"))
    rng = random.Random(1537)
    n = 0
    for base in sorted(bases):
        name = os.path.basename(base)
        data = open(base, "rb").read()
        query = None
        if name.upper().endswith(".DAT"):
            folder = os.path.dirname(base)
            query = next(os.path.join(folder, f) for f in os.listdir(folder) if f.upper().startswith("RUA"))
        for k in range(per + 1):
            d = os.path.join(out, f"{n:05d}")
            os.makedirs(d)
            n += 1
            if query:
                q = open(query, "rb").read()
                if k and rng.random() < 0.3:
                    q = mutate(rng, q)
                open(os.path.join(d, "query"), "w").write(os.path.basename(query))
                open(os.path.join(d, os.path.basename(query)), "wb").write(q)
                body = damaged_zip(rng, data) if k else data
                open(os.path.join(d, name), "wb").write(body)
            else:
                body = mutate(rng, data) if k else data
                open(os.path.join(d, rename(rng, name) if k else name), "wb").write(body)
    print(n)


main()
