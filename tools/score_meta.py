#!/usr/bin/env python3
"""Scores the article furniture found in text seeds (headline, publication date, authors)
against what the same pages' HTML says about itself (JSON-LD, OpenGraph, <meta>), on
../shared/eval/webpages: the HTML seed's `page` metadata is the reference, the text seed's
explainer/1 document the answer. A benchmark, not a test: run it by hand after changing
src/clean.rs.

    python3 tools/score_meta.py [--lang all|en] [--details FILE]

A headline counts as right when, folded (case, punctuation, white space), it equals the
page's headline or one contains the other with at least 60 % of its words (sites append
" - Site name" to og:title). A date counts when the day is the same. Authors count when
every author the page names is found (surname match) among the text seed's authors.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("EXPLAINER_SHARED", os.path.join(ROOT, "..", "shared"))
PAGES = os.path.join(SHARED, "eval", "webpages")
EXE = os.path.join(ROOT, "target", "release", "explainer")


def fold(s):
    s = html.unescape(s).lower()
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def headline_ok(got, want):
    g, w = fold(got or ""), fold(want or "")
    if not g or not w:
        return False
    if g == w:
        return True
    short, long_ = (g, w) if len(g) < len(w) else (w, g)
    if short in long_:
        return len(short.split()) >= 0.6 * len(long_.split()) or len(short.split()) >= 6
    return False


def surname(a):
    parts = fold(a).split()
    return parts[-1] if parts else ""


def extract(files, chunk=64):
    out = {}
    for i in range(0, len(files), chunk):
        part = files[i:i + chunk]
        r = subprocess.run([EXE, "extract", "--no-edits", *part], capture_output=True, text=True)
        docs = [json.loads(l) for l in r.stdout.splitlines() if l.strip().startswith("{")]
        if len(docs) != len(part):
            # one failed: do them one by one
            for f in part:
                r = subprocess.run([EXE, "extract", "--no-edits", f], capture_output=True, text=True)
                try:
                    out[f] = json.loads(r.stdout)
                except json.JSONDecodeError:
                    out[f] = None
            continue
        for f, d in zip(part, docs):
            out[f] = d
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="all")
    ap.add_argument("--details")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    gold = {}
    with open(os.path.join(PAGES, "gold.jsonl")) as f:
        for line in f:
            g = json.loads(line)
            gold[g["id"]] = g
    ids = sorted(i for i in gold if os.path.exists(os.path.join(PAGES, "text", i + ".txt")))
    if args.lang != "all":
        ids = [i for i in ids if gold[i]["lang_guess"] == args.lang]
    html_docs = extract([os.path.join(PAGES, "html", i + ".html.gz") for i in ids])
    text = extract([os.path.join(PAGES, "text", i + ".txt") for i in ids])
    n = {"headline": 0, "published": 0, "authors": 0}
    ok = {"headline": 0, "published": 0, "authors": 0}
    found = {"published": 0, "authors": 0}
    rows = []
    for i in ids:
        h = html_docs.get(os.path.join(PAGES, "html", i + ".html.gz"))
        t = text.get(os.path.join(PAGES, "text", i + ".txt"))
        if not h or not t or not h.get("page"):
            continue
        meta = h["page"]
        row = {"id": i}
        if meta.get("headline"):
            n["headline"] += 1
            good = headline_ok(t.get("title"), meta["headline"])
            ok["headline"] += good
            row["headline"] = [good, t.get("title"), meta["headline"]]
        got_date = (t.get("published") or {}).get("value")
        if got_date:
            found["published"] += 1
        if meta.get("published"):
            n["published"] += 1
            good = bool(got_date) and got_date[:10] == meta["published"][:10]
            ok["published"] += good
            row["published"] = [good, got_date, meta["published"]]
        if t.get("authors"):
            found["authors"] += 1
        if meta.get("authors"):
            n["authors"] += 1
            mine = {surname(a) for a in t.get("authors", [])}
            good = all(surname(a) in mine for a in meta["authors"])
            ok["authors"] += good
            row["authors"] = [good, t.get("authors"), meta["authors"]]
        rows.append(row)
    print(f"pages: {len(rows)} ({args.lang})")
    for k in ("headline", "published", "authors"):
        extra = f"; text seeds stating one: {found[k]}" if k in found else ""
        print(f"{k}: right on {ok[k]} of {n[k]} pages whose HTML states one ({ok[k] / max(n[k], 1):.3f}){extra}")
    if args.details:
        with open(args.details, "w") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
