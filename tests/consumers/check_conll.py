"""Reads gloss's CoNLL export with NLTK's CoNLL corpus reader, decodes its tags with seqeval
in strict IOB2 mode, and converts it with spaCy's CoNLL-2003 converter (what
`spacy convert --converter ner` runs).

usage: check_conll.py EXPORT.conll EXPECTED.json
EXPECTED.json: a list per article of [label, text] entities, in text order.
Fails (exit 1) unless the file reads as CoNLL, every tag sequence is valid IOB2 (strict
decoding finds exactly what lenient decoding finds), the entities equal EXPECTED (texts
compared without whitespace, since tokens lose it), and spaCy makes one document per article
with those entities and no -DOCSTART- token.
"""
import json
import os
import re
import sys

from nltk.corpus.reader.conll import ConllCorpusReader
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities
from spacy.training.converters import conll_ner_to_docs


def without_space(entities):
    return [[label, re.sub(r"\s+", "", text)] for label, text in entities]


def main(path, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    root, name = os.path.split(os.path.abspath(path))
    # Columns: word POS chunk NER; the NER column is read as the reader's IOB column.
    reader = ConllCorpusReader(root, [name], ("words", "pos", "ignore", "chunk"), encoding="utf-8")
    articles = []
    for sent in reader.iob_sents():
        # NLTK's reader hands the -DOCSTART- block back as an empty sentence.
        if not sent or sent[0][0] == "-DOCSTART-":
            assert all(w == "-DOCSTART-" and t == "O" for (w, _, t) in sent), sent
            articles.append([])
            continue
        assert articles, "tokens before the first -DOCSTART-"
        articles[-1].append(sent)
    assert len(articles) == len(expected), (len(articles), len(expected))
    total = 0
    for n, (sents, want) in enumerate(zip(articles, expected)):
        tags = [[t for (_, _, t) in s] for s in sents]
        words = [[w for (w, _, _) in s] for s in sents]
        strict = Entities(tags, IOB2).entities
        got = []
        lenient_count = 0
        for i, sent_tags in enumerate(tags):
            lenient = get_entities(sent_tags)
            lenient_count += len(lenient)
            for label, start, end in lenient:
                got.append([label, "".join(words[i][start : end + 1])])
        strict_count = sum(len(e) for e in strict)
        assert strict_count == lenient_count, f"article {n}: invalid IOB2 ({strict_count} strict, {lenient_count} lenient)"
        want = without_space(want)
        assert got == want, f"article {n}: entities {got} != expected {want}"
        total += len(got)
    print(f"conll: {len(articles)} articles, {total} entities read by NLTK and seqeval (strict IOB2)")
    check_spacy(path, expected)


def check_spacy(path, expected):
    """spaCy splits documents at its delimiter line only; any other DOCSTART form stays in the
    text as tokens of one document."""
    with open(path, encoding="utf-8") as f:
        data = f.read()
    docs = list(conll_ner_to_docs(data, no_print=True))
    assert len(docs) == len(expected), f"spaCy made {len(docs)} documents of {len(expected)} articles"
    for n, (doc, want) in enumerate(zip(docs, expected)):
        words = [t.text for t in doc]
        assert "-DOCSTART-" not in words, f"spaCy document {n}: -DOCSTART- read as a token"
        got = [[e.label_, e.text.replace(" ", "")] for e in doc.ents]
        assert got == without_space(want), f"spaCy document {n}: entities {got} != expected {want}"
    print(f"conll: spaCy's converter made {len(docs)} documents")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
