"""Issue 9: section accuracy of the section stage by grouped CV (months) on the real train
split's relevant stories, with and without the written examples.

    .venv/bin/python scripts/section_cv.py
"""
import sys

sys.path.insert(0, '.')
from sklearn.model_selection import GroupKFold

from digest.classify import classifier as c
from digest.classify import relevance_model as rm

real=[r for r in c.real_rows('train') if r['relevant']]
templ=[r for r in c.read_jsonl(c.TRAIN_FILE) if r.get('relevant') and r.get('section')]
groups=[r['published'][:7] for r in real]
for name, f in [('lexicon', rm._sec_lexicon_lr), ('words+chars+lex', rm._sec_ngrams_lr)]:
  for use_t in (True, False):
    ok=n=0
    with c.features_memo():
      for fi, hi in GroupKFold(5).split(real, groups=groups):
        rows=[real[i] for i in fi]+(templ if use_t else [])
        m=f().fit([c._prepare(r['title'], r['text']) for r in rows],[c.gold_label(r) for r in rows])
        held=[real[i] for i in hi]
        pred=m.predict([c._prepare(r['title'], r['text']) for r in held])
        ok+=sum(p==c.gold_label(r) for p,r in zip(pred,held, strict=False)); n+=len(held)
    print(name, 'with written' if use_t else 'real only', round(ok/n,3), n, flush=True)
