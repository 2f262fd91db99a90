"""Issue 9: how the editor's operating point compares with the labellers themselves. On the real
test stream every item was read twice, blind (REAL-LABELS.md, round 4); judging one reading by
the other, as a classifier is judged by its labels, gives the precision and recall a second
careful reader (an LLM editor working from LABELLING.md, as every reading was) reaches, and the
section agreement on the items both call relevant. Each reading judged by the final labels (the
majority of two or three readings, which that reading helped form: an upper figure) shows what
one careful reader reaches on the scale the model is measured on.

    .venv/bin/python scripts/reader_agreement.py [real-labels.jsonl]
"""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "digest/classify/data/real-labels.jsonl"
pairs = []
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    if r["split"] == "test" and r.get("second_reading"):
        pairs.append((r.get("first_label") or r["label"], r["second_reading"]["label"], r["label"]))


def judged(guess: int, gold: int) -> str:
    tp = sum(p[guess] != "irrelevant" and p[gold] != "irrelevant" for p in pairs)
    called = sum(p[guess] != "irrelevant" for p in pairs)
    relevant = sum(p[gold] != "irrelevant" for p in pairs)
    both = [p for p in pairs if "irrelevant" not in (p[guess], p[gold])]
    section = sum(p[guess] == p[gold] for p in both) / len(both)
    return f"precision {tp / called:.3f}, recall {tp / relevant:.3f}, section {section:.3f}"


both = [(a, b) for a, b, _ in pairs if "irrelevant" not in (a, b)]
print(f"{len(pairs)} test items read twice")
print(f"first reading judged by the second: {judged(0, 1)}")
print(f"second reading judged by the first: {judged(1, 0)}")
print(f"section, where both readings call the item relevant: {sum(a == b for a, b in both) / len(both):.3f} "
      f"({len(both)} items)")
print(f"first reading judged by the final labels: {judged(0, 2)}")
print(f"second reading judged by the final labels: {judged(1, 2)}")
