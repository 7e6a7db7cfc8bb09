#!/usr/bin/env python3
"""Check heldout gold: every a/b fragment occurs verbatim in one sentence of a listed article; front matter present. Usage: check_gold.py tests/golden/heldout"""
import json, os, re, sys, unicodedata
root = sys.argv[1]
gold = json.load(open(os.path.join(root, "gold.json"), encoding="utf-8"))
def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return " ".join(s.split()).casefold()
def sentences(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert m, path
    fm = m.group(1)
    for key in ("title", "source", "published"):
        assert re.search(rf"^{key}: ", fm, re.M), (path, key)
    assert re.search(r"^published: \d{4}-\d{2}-\d{2}$", fm, re.M), path
    body = text[m.end():]
    out = []
    for para in re.split(r"\n\s*\n", body):
        para = para.strip().lstrip("# ")
        out += [norm(s) for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d]))\s+(?=[A-Z\"\u201c])", para) if s.strip()]
    return out
bad = 0
files = sorted(os.listdir(os.path.join(root, "articles")))
for kind in ("positives", "negatives"):
    for e in gold[kind]:
        docs = e["doc"].split("|")
        sents = []
        for d in docs:
            p = os.path.join(root, "articles", d)
            if not os.path.exists(p):
                print("MISSING FILE", d); bad += 1; continue
            sents += [(d, s) for s in sentences(p)]
        ia = [i for i, (_, s) in enumerate(sents) if norm(e["a"]) in s]
        ib = [i for i, (_, s) in enumerate(sents) if norm(e["b"]) in s]
        raw_a = any(e["a"] in open(os.path.join(root, "articles", d), encoding="utf-8").read() for d in docs if os.path.exists(os.path.join(root, "articles", d)))
        raw_b = any(e["b"] in open(os.path.join(root, "articles", d), encoding="utf-8").read() for d in docs if os.path.exists(os.path.join(root, "articles", d)))
        ok = ia and ib and raw_a and raw_b and any(i != j for i in ia for j in ib)
        if not ok:
            bad += 1
            print("BAD", kind, e["what"], ia, ib, raw_a, raw_b)
        if len(ia) > 1 or len(ib) > 1:
            print("note: fragment in several sentences:", e["what"], len(ia), len(ib))
print(f"{len(files)} articles, {len(gold['positives'])} positives, {len(gold['negatives'])} negatives, {bad} problems")
sys.exit(1 if bad else 0)
