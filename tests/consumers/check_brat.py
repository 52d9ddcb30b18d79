"""Re-reads a gloss brat export with the brat standoff format's rules.

usage: check_brat.py FOLDER
Every NAME.ann has NAME.txt beside it; every line is a known annotation type; every T line's
text equals the text at its offsets (pieces of a discontinuous span joined by one space), with
0 <= start <= end <= len(text) in code points; ids are unique; relations, attributes,
normalisations and notes refer to T lines; every type used is declared in annotation.conf; and
every normalisation's database is declared in tools.conf's [normalization] section with a <URL>
(which brat requires) and allowed for the entity's type by <NORM> in annotation.conf.
"""
import os
import re
import sys

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
R_LINE = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)$")
A_LINE = re.compile(r"^([AM]\d+)\t(\S+) (T\d+)( \S+)?$")
N_LINE = re.compile(r"^(N\d+)\tReference (T\d+) (\S+):(\S+)\t(.*)$")
NOTE_LINE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t(.*)$")


def read_conf(path):
    """Each section's types, each with its arguments ("<NORM>:Actor" gives {"<NORM>": "Actor"})."""
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            m = re.match(r"^\[(\w+)\]$", line)
            if m:
                current = sections.setdefault(m.group(1), {})
                continue
            assert current is not None, f"{path}: {line!r} outside a section"
            name, _, rest = line.partition("\t") if "\t" in line else line.partition(" ")
            args = {}
            for arg in filter(None, (a.strip() for a in rest.split(","))):
                key, sep, value = arg.partition(":")
                assert sep, f"{path}: argument {arg!r} of {name} is not KEY:VALUE"
                args[key] = value
            current[name] = args
    return sections


def check(folder):
    conf = read_conf(os.path.join(folder, "annotation.conf"))
    tools = read_conf(os.path.join(folder, "tools.conf"))
    norm_dbs = tools.get("normalization", {})
    for db, args in norm_dbs.items():
        assert "<URL>" in args, f"tools.conf: normalization {db} has no <URL>"
    anns = sorted(n for n in os.listdir(folder) if n.endswith(".ann"))
    assert anns, "no .ann files"
    counts = {"T": 0, "R": 0, "A": 0, "N": 0, "#": 0}
    for name in anns:
        path = os.path.join(folder, name)
        # brat reads the text as UTF-8 without newline translation; offsets are code points.
        with open(path[:-4] + ".txt", encoding="utf-8", newline="") as f:
            text = f.read()
        ids = set()
        t_types = {}
        with open(path, encoding="utf-8", newline="") as f:
            lines = f.read().split("\n")
        assert lines[-1] == "", f"{path}: no final newline"
        for no, line in enumerate(lines[:-1], 1):
            where = f"{path}:{no}"
            assert "\r" not in line, f"{where}: carriage return"
            ident = line.split("\t", 1)[0]
            assert ident not in ids, f"{where}: id {ident} used twice"
            ids.add(ident)
            if m := T_LINE.match(line):
                tid, label, offsets, quoted = m.groups()
                pieces = []
                for piece in offsets.split(";"):
                    s, e = map(int, piece.split(" "))
                    assert 0 <= s <= e <= len(text), f"{where}: offsets {s} {e} outside the text"
                    pieces.append(text[s:e])
                assert " ".join(pieces) == quoted, f"{where}: {quoted!r} != text at offsets {' '.join(pieces)!r}"
                assert label in conf.get("entities", set()), f"{where}: entity type {label} not declared"
                t_types[tid] = label
                counts["T"] += 1
            elif m := R_LINE.match(line):
                _, rel, a1, a2 = m.groups()
                assert a1 in t_types and a2 in t_types, f"{where}: argument is no earlier T line"
                assert rel in conf.get("relations", set()), f"{where}: relation {rel} not declared"
                counts["R"] += 1
            elif m := A_LINE.match(line):
                _, attr, target, _ = m.groups()
                assert target in t_types, f"{where}: attribute of unknown {target}"
                assert attr in conf.get("attributes", set()), f"{where}: attribute {attr} not declared"
                counts["A"] += 1
            elif m := N_LINE.match(line):
                _, target, db, _, _ = m.groups()
                assert target in t_types, f"{where}: normalisation of unknown {target}"
                assert db in norm_dbs, f"{where}: normalisation DB {db} not in tools.conf"
                allowed = conf["entities"][t_types[target]].get("<NORM>", "").split("|")
                assert db in allowed, f"{where}: {t_types[target]} does not allow <NORM>:{db}"
                counts["N"] += 1
            elif m := NOTE_LINE.match(line):
                assert m.group(2) in t_types, f"{where}: note on unknown {m.group(2)}"
                counts["#"] += 1
            else:
                raise AssertionError(f"{where}: not a brat standoff line: {line!r}")
    print(f"brat: {len(anns)} documents, " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    check(sys.argv[1])
