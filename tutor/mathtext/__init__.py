"""LaTeX math as readable Unicode text for terminals, and the prose around it.

A leaf of the core: it imports nothing else from `tutor`, and no Textual or Rich, so the
model, the engine, the CLI and the Textual shell all render math the same way.

- `render` — `latex_to_unicode` (one expression), `render_text` (every `$…$`/`$$…$$` span of
  a paragraph), `split_math`;
- `prose` — `unwrap` (join hard-wrapped lines), `markdown_spans` (`**bold**`, `*italic*`,
  `` `code` ``);
- `walk` — the pylatexenc node walker behind `render`; `symbols` — its symbol tables.

pylatexenc (the parser) is imported on the first expression rendered, not with the package.
"""

from __future__ import annotations

from tutor.mathtext.prose import markdown_spans, unwrap
from tutor.mathtext.render import latex_to_unicode, render_text, split_math

__all__ = ["latex_to_unicode", "markdown_spans", "render_text", "split_math", "unwrap"]
