"""`tutor stats` on a database with damage SQLite's checks let
through: a dropped table or a malformed row is skipped and counted, with one warning line."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tutor.cli.main import main
from tutor.model import load_exams
from tutor.study import Attempt, open_store

EXAM = "c147-w21-midterm"


def _store(folder):
    store = open_store(folder, exams=load_exams())
    for raw in ("1", "2", "3"):
        store.record_attempt(Attempt(EXAM, "4a", "loss", raw, "incorrect", 0, 3, mistake="sign"))
    store.record_attempt(Attempt(EXAM, "1a", "a", "x", "correct", 5, 5))
    mock = store.start_mock(EXAM, 30)
    store.write(lambda c: c.execute("UPDATE mocks SET submitted_at = started_at, score = 40, max_score = 100,"
                                    " submit_reason = 'manual' WHERE id = ?", (mock.id,)))
    store.close()
    return folder / "tutor.db"


def _sql(db, *statements: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("table", ["attempts", "mocks", "cards", "reviews"])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_dropped_table_is_reported_in_one_line_and_the_rest_is_shown(tmp_path, capsys, table, as_json):
    _sql(_store(tmp_path), f"DROP TABLE {table}")
    assert main(["stats", "--data-dir", str(tmp_path)] + (["--json"] if as_json else [])) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if table == "reviews":  # statistics do not read the review log
        assert err == ""
    else:
        assert err.count("\n") == 1 and f"found no table {table}" in err
    if as_json:
        data = json.loads(out)
        assert data["missing_tables"] == ([] if table == "reviews" else [table])
        assert data["attempts"] == (0 if table == "attempts" else 4)
        assert len(data["mocks"]) == (0 if table == "mocks" else 1)
    else:
        assert "Answers recorded: " + ("0" if table == "attempts" else "4") in out


def test_malformed_rows_are_skipped_and_counted_once(tmp_path, capsys):
    _sql(_store(tmp_path),
         "UPDATE attempts SET score = 'lots' WHERE raw = '1'",
         "UPDATE cards SET card = '[1, 2]' WHERE rowid = 1",
         "UPDATE cards SET card = '{\"stability\": \"high\"}', due = '2000-01-01T00:00:00.000000+00:00' WHERE rowid = 2",
         "UPDATE mocks SET started_at = 'yesterday'")
    assert main(["stats", "--data-dir", str(tmp_path), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["skipped"] == {"attempts": 1, "cards": 2, "mocks": 1}
    assert data["mocks"] == [] and data["attempts"] == 4
    assert err.strip() == ("tutor: The study database is damaged: skipped 4 unreadable records "
                           "(attempts 1, cards 2, mocks 1); the rest is shown.")
    assert main(["stats", "--data-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "Answers recorded: 4" in out and err.count("\n") == 1 and "Traceback" not in err
