"""Checks gloss's W3C export against the Web Annotation model: JSON Schema validation
(jsonschema, Draft 2020-12) of the required keys and value rules in w3c_schema.json, then the
rules a schema cannot say: total equals the number of items, ids are unique, a linking body
names an annotation of the collection, start <= end, and both selectors of an annotation
select the same text of its article (positions count code points, as Python strings do).

usage: check_w3c.py EXPORT.jsonld
"""
import json
import os
import sys

from jsonschema import Draft202012Validator


def main(path):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "w3c_schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:10]:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    assert not errors, f"{len(errors)} schema errors"
    items = doc["first"]["items"]
    assert doc["total"] == len(items), (doc["total"], len(items))
    ids = [a["id"] for a in items]
    assert len(set(ids)) == len(ids), "duplicate annotation ids"
    texts = {a["id"]: a["gloss:text"] for a in doc.get("gloss:articles", [])}
    for a in items:
        bodies = a["body"] if isinstance(a["body"], list) else [a["body"]]
        for b in bodies:
            if isinstance(b, dict) and b.get("purpose") == "linking":
                assert b["source"] in ids, f"{a['id']}: links to {b['source']}, not in the collection"
        target = a["target"]
        selectors = target["selector"]
        quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
        pos = next(s for s in selectors if s["type"] == "TextPositionSelector")
        assert pos["start"] <= pos["end"], a["id"]
        text = texts[target["source"]]
        assert text[pos["start"] : pos["end"]] == quote["exact"], f"{a['id']}: selectors disagree"
        assert text[: pos["start"]].endswith(quote["prefix"]), f"{a['id']}: prefix"
        assert text[pos["end"] :].startswith(quote["suffix"]), f"{a['id']}: suffix"
    print(f"w3c: {len(items)} annotations valid against the Web Annotation model")


if __name__ == "__main__":
    main(sys.argv[1])
