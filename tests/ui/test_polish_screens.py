"""The polish pass on the screens: nothing drawn twice, covered or cut short at 80x24 and 60x20."""

from __future__ import annotations

from tests.ui.ui_pilot import footer_keys, screen_lines, settle, toast_texts, type_text

ANSWER_1A = "Classification predicts a discrete class label while regression predicts a continuous value."


async def test_checked_text_answer_is_drawn_once_at_80x24(app_for):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, ANSWER_1A)
        await pilot.press("ctrl+s")
        await settle(pilot)
        box = app.screen.query_one("#input-explain")
        drawn = _rows(app, box)
        box.refresh()                      # what a fresh drawing of the box shows
        await pilot.pause()
        assert drawn == _rows(app, box)
        assert " ".join(" ".join(drawn).split()) == ANSWER_1A


def _rows(app, widget) -> list[str]:
    """The text drawn inside a widget's content region, row by row."""
    region = widget.content_region
    return [row[region.x:region.right].rstrip()
            for row in screen_lines(app)[region.y:region.bottom]]


async def test_last_solution_step_message_covers_no_part_of_the_solution(app_for, exam):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        steps = len(exam.part("4a").solution)
        await pilot.press(*["s"] * (steps + 1))
        await settle(pilot)
        assert not toast_texts(app)
        status = app.screen.query_one("#status")
        assert status.message == "That was the last step of the solution."
        solution = app.screen.query_one("#solution")
        # the status line sits below the part, not over it
        assert status.region.y >= app.screen.query_one("#part-view").region.bottom
        assert "That was the last step" in screen_lines(app)[status.region.y]
        assert solution.shown == steps


async def test_d_and_v_say_why_they_do_nothing_on_a_part_without_demo_or_numbers(app_for, exam):
    bare = next(p.id for p in exam.parts if not p.demo and not p.params)
    app = app_for(start=("practice", bare))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert app.screen.active_bindings["d"].enabled is False      # the footer dims them
        assert app.screen.active_bindings["v"].enabled is False
        await pilot.press("d")
        await pilot.pause()
        status = app.screen.query_one("#status")
        assert type(app.screen).__name__ == "PracticeScreen"
        assert status.message.startswith("No demo is linked to this part")
        await pilot.press("v")
        await pilot.pause()
        varied = [p.id for p in exam.parts if p.params]
        assert status.message.startswith("This part has no numbers to vary")
        assert all(pid in status.message for pid in varied)
        assert not toast_texts(app)


async def test_a_reading_error_is_shown_once_after_enter(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "xs+(")
        await settle(pilot)
        error = "this '(' is never"
        assert sum(error in row for row in screen_lines(app)) == 1     # the preview, as typed
        await pilot.press("enter")
        await settle(pilot)
        rows = screen_lines(app)
        assert sum(error in row for row in rows) == 1, "\n".join(rows)
        assert sum("Could not read that" in row for row in rows) == 1
        panel = app.screen.query_one("#feedback-loss")
        assert panel.region.height <= 2                                # verdict and reason together
        await type_text(pilot, "3")                                    # editing brings the preview back
        await settle(pilot)
        assert app.screen.query_one("#preview-loss").display


async def test_help_is_titled_with_the_screen_title_the_header_shows(app_for):
    app = app_for(start=("practice", "4a"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "c")
        await settle(pilot)
        assert app.screen.sub_title == "Critique · 4a"
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.screen.text().splitlines()[0] == "Keys on this screen (Critique · 4a)"


async def _palette_hits(app, pilot, query: str) -> list[str]:
    """What the command palette lists for `query`, top first, as plain text."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await type_text(pilot, query)
    await settle(pilot)                                  # the palette's search is a worker
    options = app.screen.query_one(CommandList).options
    hits = [str(option.prompt).splitlines()[0] for option in options]
    await pilot.press("escape")
    await pilot.pause()
    return hits


async def test_palette_finds_parts_by_topic_and_lists_each_theme_once(app_for):
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        hits = await _palette_hits(app, pilot, "dropout")
        assert any(hit.startswith("Go to part 3c") for hit in hits), hits
        assert any(hit.startswith("Demo: dropout") for hit in hits), hits
        hits = await _palette_hits(app, pilot, "theme")
        assert "Theme" not in hits, hits                  # Textual's generic picker
        assert "Theme: nord" in hits, hits


async def test_moving_part_dims_in_the_footer_what_the_part_lacks(app_for, exam):
    ids = [p.id for p in exam.parts]
    start = next(i for i, p in enumerate(exam.parts[:-1])        # with a demo, the next one without
                 if p.demo and not exam.parts[i + 1].demo)
    app = app_for(start=("practice", ids[start]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.part_id == ids[start + 1]
        assert not footer_keys(app)["demo"].enabled            # no demo on this part: dimmed
        await pilot.press("b")
        await settle(pilot)
        assert footer_keys(app)["demo"].enabled


async def test_next_part_is_shown_in_the_same_view_without_moving_focus(app_for, exam):
    app = app_for(start=("practice", "1b"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        view = app.screen.view
        focused = []

        def moved(widget) -> None:
            focused.append(widget)

        app.screen.watch(app.screen, "focused", moved, init=False)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.view is view and view.part.id == "1c"
        assert app.focused is view and focused == []          # focus never left the part
        assert "Part 1c" in str(view.query_one("#part-title").render())
        assert len(app.screen.query("#part-view")) == 1


async def test_home_menu_keeps_its_right_border_at_60x20(app_for):
    app = app_for()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.screen.scroll_end(animate=False)
        await settle(pilot)
        rows = screen_lines(app)
        top = next(row for row in rows if "╭─ Menu" in row)
        assert top.rstrip().endswith("╮"), "\n".join(rows)
        assert any("p  Practice" in row and row.rstrip().endswith("│") for row in rows)
        await pilot.resize_terminal(80, 24)                       # wide enough: the details return
        await settle(pilot)
        assert any("part by part, with instant feedback │" in row for row in screen_lines(app))


def _list_text(app) -> str:
    parts = app.screen.query_one("#parts")
    region = parts.content_region
    return "\n".join(row[region.x:region.right] for row in screen_lines(app)[region.y:region.bottom])


async def test_parts_list_shows_whole_problem_titles(app_for, exam):
    app = app_for(start=("practice", "1a"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = _list_text(app)
        assert "…" not in shown
        for problem in exam.problems:                      # one line each at 120 columns
            assert f"{problem.id} {problem.title}" in shown, shown
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        shown = _list_text(app)
        assert "…" not in shown and "2 Backpropagation" in shown
        words = " ".join(shown.replace("│", " ").split())
        assert "4 Loss function and optimization" in words   # wrapped, never cut


async def test_input_placeholders_show_whole_and_formulas_list_their_symbols(app_for, exam):
    from textual.widgets import Input

    from tutor.ui.widgets.line_field import LineField

    for size in ((80, 24), (60, 20)):
        for part_id in ("2b", "4g", "4a", "2a"):
            app = app_for(start=("practice", part_id))
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                for widget in app.screen.query(LineField):
                    box = widget.query_one(Input)
                    assert len(box.placeholder) <= box.content_region.width - 1, (size, part_id, box.placeholder)
                    symbols = widget.field.symbols if widget.field.kind == "formula" else None
                    if symbols is not None:
                        label = " ".join(str(widget.query_one(".field-label").render()).split())
                        for name in symbols.vars:
                            assert name in label


async def test_demo_titles_show_whole_at_60x20(app_for):
    from tutor.demos import list_demos

    for demo in list_demos():
        app = app_for(start=("demos", demo.name))
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(pilot)
            header = screen_lines(app)[0]
            assert demo.title in header and "…" not in header, header
            for _ in range(len(app.screen.trace.plots()) if app.screen.trace else 1):
                plot = app.screen.query_one("#demo-plot")
                top = screen_lines(app)[plot.region.y]
                assert str(plot.border_title) in top and "…" not in top, top
                await pilot.press("p")
                await settle(pilot)


async def test_exam_numbers_are_drawn_off_the_main_thread_before_the_learner_moves(app_for, monkeypatch):
    import threading

    from tutor.engine import variants

    variants._SHOWN.clear()                        # no draws left over from other tests
    threads: list[str] = []
    generate = variants.generate

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return generate(*args, **kwargs)

    monkeypatch.setattr(variants, "generate", recording)
    app = app_for(start=("practice", "1b"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        drawn_at_start = len(threads)
        await pilot.press("escape", "n")           # 1c has numbers of its own
        await settle(pilot)
        assert app.screen.part_id == "1c"
    assert drawn_at_start > 0 and len(threads) == drawn_at_start
    assert threading.main_thread().name not in threads
