"""Helpers for the real-tool quality tests of the built site (tests/test_site_quality.py).

`tools` finds the external programs (and skips or fails without them), `demo` builds the demo and
picks the pages that stand for each kind, `server` serves an output folder on 127.0.0.1,
`browser` runs axe-core, reflow and keyboard checks in Chromium, `vnu` runs the Nu HTML Checker,
and `links` and `rules` read the built HTML with Python's own parser.
"""
