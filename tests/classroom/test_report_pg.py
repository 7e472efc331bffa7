"""The class report computed in PostgreSQL: the same rows as the store API says, and the same
report as one SQLite store per student holding the same answers. Runs with TUTOR_TEST_PG."""

from __future__ import annotations

from tests.classroom.class_builder import T0, as_sets, build_random_class, reference_rows
from tutor.classroom import ClassFolder
from tutor.classroom.report_build import class_report
from tutor.classroom.report_pg import PostgresSource
from tutor.classroom.report_sqlite import FolderSource
from tutor.study import open_store

NOW = T0.replace(month=4)


def _pg_stores(url: str):
    return lambda sid, clock=None: open_store(db=url, student=sid, clock=clock)


def test_the_database_rows_match_the_store_api(pg_url, tmp_path, exam):
    folder = ClassFolder(tmp_path / "class")
    ids = build_random_class(folder, exam, opener=_pg_stores(pg_url), db=pg_url)
    got = as_sets(PostgresSource(folder, pg_url, ids).rows([exam.id], NOW))
    want = reference_rows(folder, ids[1:], exam, NOW, opener=_pg_stores(pg_url))
    assert got == want
    assert want[0] and any(h[4] for h in want[1]) and want[2] and want[3]


def test_postgres_and_sqlite_give_the_same_report(pg_url, tmp_path, exam):
    on_disk, in_db = ClassFolder(tmp_path / "a" / "class"), ClassFolder(tmp_path / "b" / "class")
    ids = build_random_class(on_disk, exam, students=8, seed=11)
    assert build_random_class(in_db, exam, students=8, seed=11, opener=_pg_stores(pg_url), db=pg_url) == ids
    from_files = class_report(FolderSource(on_disk), [exam], NOW).to_json()
    from_db = class_report(PostgresSource(in_db, pg_url), [exam], NOW).to_json()  # its roster: the database's
    assert from_db == from_files
    assert from_db["exams"][0]["students_started"] == 7 and from_db["exams"][0]["misconceptions"]


def test_the_report_reads_only_the_roster_and_writes_nothing(pg_url, tmp_path, exam):
    folder = ClassFolder(tmp_path / "class")
    ids = build_random_class(folder, exam, students=4, opener=_pg_stores(pg_url), db=pg_url)
    everyone = class_report(PostgresSource(folder, pg_url, ids), [exam], NOW)
    two = class_report(PostgresSource(folder, pg_url, ids[:2]), [exam], NOW)
    assert two.students == 2 and two.exams[0].students_started == 1 < everyone.exams[0].students_started
    store = open_store(db=pg_url, student=ids[1])
    assert store.attempt_count(exam.id) > 0  # a student's own view is unchanged by the report
    store.close()


def test_the_command_reports_from_the_database(pg_url, run_tutor, tmp_path, exam):
    folder = ClassFolder.under(tmp_path / "data")
    ids = build_random_class(folder, exam, students=4, opener=_pg_stores(pg_url), db=pg_url)
    done = run_tutor("class", "report", "--json", "--db", pg_url, data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    import json

    assert json.loads(done.stdout) == class_report(PostgresSource(folder, pg_url, ids), [exam]).to_json()
    assert not folder.root.exists()  # roster and progress both in the database: nothing in the folder


async def test_the_staff_page_reports_from_the_database(pg_url, tmp_path, exam):
    from aiohttp.test_utils import TestClient, TestServer

    from tutor.classroom import Roster
    from tutor.serve.config import ServeConfig
    from tutor.serve.web import build_app

    folder = ClassFolder.under(tmp_path)
    ids = build_random_class(folder, exam, students=4, opener=_pg_stores(pg_url), db=pg_url)
    roster = Roster(folder.roster_path, db=pg_url)
    password = roster.add_staff("ta1")[0].password
    roster.close()
    app = build_app(ServeConfig(data_dir=str(tmp_path), db=pg_url, exams=[exam], tutor_argv=["false"]),
                    "http://tutor.test")
    async with TestClient(TestServer(app)) as client:
        response = await client.post("/signin", data={"id": "ta1", "password": password},
                                     headers={"Origin": "http://tutor.test"}, allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/staff"
        page = await client.get("/staff")
        assert page.status == 200 and "Mock scores" in await page.text()
        data = await (await client.get("/staff/report.json")).json()
    assert data == class_report(PostgresSource(folder, pg_url, ids), [exam]).to_json()
