"""The demo: the bundled corpus and the whole pipeline run on it. May import anything in digest.

The corpus: fictional Vietnamese outlets, their articles (written by this project) with
ground-truth labels, and a loopback HTTP server that serves them.

- :mod:`digest.demo.corpus`: ``OUTLETS``, ``load_articles()``, ``FAILURES``;
- :mod:`digest.demo.server`: ``DemoServer``, ``write_sources()``, ``serve()``;
- :mod:`digest.demo.pipeline`: ``run_demo()``, what ``bantin demo`` runs.
"""
