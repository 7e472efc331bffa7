"""A damaged database is salvaged, and the learner is told how many answers were kept and
where the damaged file is: on the home screen and by the CLI."""

from __future__ import annotations

from tests.study.test_faults import damage
from tests.ui.ui_pilot import settle
from tutor.cli.main import main
from tutor.study import open_store
from tutor.ui.app import make_app


async def test_home_says_how_many_answers_were_kept_and_where_the_damaged_file_is(exam, tmp_path):
    lost = damage(tmp_path / "data", 120, lambda leaves: [leaves[2]], exam_id=exam.id, part_id="4a",
                  with_mock=False)
    store = open_store(tmp_path / "data")
    store.set_setting("theme", "textual-dark")
    (aside,) = (tmp_path / "data").glob("tutor.db.corrupt-*")
    app = make_app([exam], store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        text = " ".join(str(app.screen.query_one("#summary").render()).split())
        assert f"{120 - len(lost)} answers were kept" in text and aside.name in text
    store.close()


def test_the_cli_says_how_many_answers_were_kept(tmp_path, capsys):
    lost = damage(tmp_path, 120, lambda leaves: [leaves[1], leaves[-1]], exam_id="c147-w21-midterm", part_id="4a")
    assert main(["stats", "--data-dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    (aside,) = tmp_path.glob("tutor.db.corrupt-*")
    assert f"{120 - len(lost)} answers were kept" in err and str(aside) in err
