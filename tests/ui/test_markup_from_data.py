"""Text from content files, paths, parameters and answers reaches the screen as plain text:
`[/]`, `[bold red]` and `[link=…]` are shown as typed, never parsed (a stray `[/]` used to
crash the app with a MarkupError, and `[bold red]` in a path vanished from the message)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Collapsible, RadioButton, Static

from tests.ui.ui_pilot import settle, toast_texts, type_text
from tutor.study import open_store
from tutor.ui.app import make_app

MARK = "[/] [bold red]red? [link=https://example.com]link[/link]"


def _plain(widget) -> str:
    rendered = widget.render()
    return str(getattr(rendered, "plain", rendered))


def _marked(exam):
    """The shipped exam with MARK in every kind of displayed text (and a param that shows it)."""

    def field(f, vary):
        options = {o: o if vary else o + MARK for o in f.options}
        answer = f.answer
        if f.kind == "choice" and answer is not None:
            answer = tuple(options.get(a, a) for a in answer) if isinstance(answer, tuple) else options.get(answer, answer)
        mistakes = tuple(replace(m, feedback=m.feedback + MARK,
                                 answer=(tuple(options.get(a, a) for a in m.answer) if isinstance(m.answer, tuple)
                                         else options.get(m.answer, m.answer)) if f.kind == "choice" else m.answer)
                         for m in f.mistakes)
        return replace(f, label=(f.label or f.id) + MARK, options=tuple(options.values()), answer=answer,
                       mistakes=mistakes, option_feedback={options.get(k, k): v + MARK for k, v in f.option_feedback.items()},
                       rubric=tuple(replace(r, idea=r.idea + MARK) for r in f.rubric),
                       model_answer=(f.model_answer + MARK) if f.model_answer else None)

    def part(p):
        params = dict(p.params or {})
        if params:
            params["shown"] = {"choice": ["[/]x", "[i]"], "exam": "[bold red]P"}
        return replace(p, prompt=p.prompt + MARK + (" {shown}" if params else ""),
                       hints=tuple(h + MARK for h in p.hints), solution=tuple(s + MARK for s in p.solution),
                       scan=replace(p.scan, answer=p.scan.answer + MARK, why=p.scan.why + MARK) if p.scan else None,
                       fields=tuple(field(f, bool(params)) for f in p.fields), params=params or None)

    problems = tuple(replace(pr, title=pr.title + MARK, context=pr.context + MARK,
                             parts=tuple(part(p) for p in pr.parts)) for pr in exam.problems)
    concepts = {k: replace(c, title=MARK + c.title, summary=c.summary + MARK) for k, c in exam.concepts.items()}
    return replace(exam, title=exam.title + MARK, problems=problems, concepts=concepts)


async def test_content_answers_and_parameters_with_markup_are_shown_as_written(exam, tmp_path):
    marked = _marked(exam)
    store = open_store(tmp_path / "data", exams=[marked])
    app = make_app([marked], store, start=("practice", "4a"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert MARK in _plain(screen.query_one("#prompt")) and "[bold red]P" in _plain(screen.query_one("#prompt"))
        assert MARK in str(screen.query_one(Collapsible).title)
        app.notify(f"a message with {MARK}")                  # notify() never renders markup
        await settle(pilot)
        assert toast_texts(app) == [f"a message with {MARK}"]
        await type_text(pilot, "[/][bold red]")             # an answer is data too
        await pilot.press("enter")
        await settle(pilot)
        assert "col 2: unexpected '/'" in _plain(screen.query_one("#feedback-loss"))
        await pilot.press("escape", "h", "s")                  # a hint and a solution step
        await settle(pilot)
        reveal = " ".join(_plain(w) for w in screen.query(Static))
        assert reveal.count(MARK) >= 3
        await pilot.press("v")                                 # new numbers: the parameter's other values
        await settle(pilot)
        assert "[/]x" in _plain(screen.query_one("#prompt")) or "[i]" in _plain(screen.query_one("#prompt"))
        app.go_to_part("1b")                                   # choice options and a rubric
        await settle(pilot)
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert labels and all(label.endswith(MARK) for label in labels)
        await pilot.press("c")                                 # the scanned answer, critiqued
        await settle(pilot)
        assert MARK in _plain(app.screen.query_one("#scan-answer"))
        await pilot.press("1")
        await settle(pilot)
        assert MARK in _plain(app.screen.query_one("#critique-verdict"))
        app.open_screen("stats")
        await settle(pilot)
        table = app.screen.query_one("#stats-mastery")
        assert table.row_count and all(str(table.get_row_at(i)[0]).startswith("[/] [bold red]red?")
                                       for i in range(table.row_count))
        app.open_screen("review")
        await settle(pilot)
        app.open_screen("mock")
        await settle(pilot)
        await pilot.click("#mock-start")
        await settle(pilot)
        assert MARK in _plain(app.screen.query_one("#mock-prompt"))
    store.close()


async def test_a_data_dir_with_markup_in_its_name_is_named_exactly(exam, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    where = blocker / MARK.replace("/", "|")   # "/" would split the path; the brackets stay
    store = open_store(where, exams=[exam])
    assert not store.saving and str(where) in store.warning
    app = make_app([exam], store, start=("practice", "4a"))
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        await type_text(pilot, "-ln(0.3)")
        await pilot.press("enter")                              # checked, and told it is not saved
        await settle(pilot)
        (note,) = [text for text in toast_texts(app) if "Not saving" in text]
        assert str(where) in note                              # the path as written, markup and all
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert str(where) in _plain(app.screen.query_one("#summary"))


async def test_the_command_palette_lists_marked_titles_as_written(exam):
    marked = _marked(exam)
    app = make_app([marked], None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "go to part 4a")
        await settle(pilot)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        shown = " ".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        assert MARK in shown
