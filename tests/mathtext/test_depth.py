"""LaTeX nested deeper than the parser can follow is shown as written, never raised."""

from __future__ import annotations

from tutor.mathtext import latex_to_unicode


def test_nesting_too_deep_for_the_parser_is_shown_as_written():
    deep = "{" * 5000 + "x" + "}" * 5000
    assert latex_to_unicode(deep) == deep
