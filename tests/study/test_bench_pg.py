"""`python -m tutor.bench pg`: concurrent writers, every attempt counted, nothing left behind."""

from __future__ import annotations

import subprocess
import sys

from tests.pgserver import with_user


def test_the_pg_bench_counts_every_attempt_and_removes_its_students(pg_url, pg_admin_url):
    out = subprocess.run([sys.executable, "-m", "tutor.bench", "pg", pg_url, "--writers", "4", "--attempts", "3",
                          "--rounds", "2"], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    rounds = [line for line in out.stdout.splitlines() if line.startswith("pg  round")]
    assert len(rounds) == 2 and all("4 writers × 3 attempts" in r and ", 0 lost, 0 errors" in r for r in rounds)
    assert "pg  median" in out.stdout  # the rate itself is the bench's to judge, not the test's
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    admin = with_user(pg_admin_url, conninfo_to_dict(pg_url)["dbname"], conninfo_to_dict(pg_admin_url)["user"])
    with psycopg.connect(admin) as conn:  # a superuser sees every student's rows
        assert conn.execute("SELECT (SELECT COUNT(*) FROM attempts) + (SELECT COUNT(*) FROM cards)"
                            " + (SELECT COUNT(*) FROM reviews)").fetchone()[0] == 0


def test_the_pg_bench_without_a_url_says_how_to_give_one():
    out = subprocess.run([sys.executable, "-m", "tutor.bench", "pg"], capture_output=True, text=True, timeout=60,
                         env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and "postgresql://" in out.stderr


def test_the_pg_bench_given_a_superusers_url_measures_on_a_scratch_database_and_drops_it(pg_admin_url):
    import psycopg

    def scratch_databases() -> set[str]:
        with psycopg.connect(pg_admin_url) as conn:
            return {row[0] for row in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'tutor_bench_%'")}

    before = scratch_databases()
    out = subprocess.run([sys.executable, "-m", "tutor.bench", "pg", pg_admin_url, "--writers", "3", "--attempts", "2",
                          "--rounds", "1"], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    assert "scratch database" in out.stdout and "3 writers × 2 attempts" in out.stdout
    assert scratch_databases() == before


def test_the_pg_bench_says_why_it_cannot_connect():
    out = subprocess.run([sys.executable, "-m", "tutor.bench", "pg", "postgresql://nobody@127.0.0.1:1/none"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "cannot use" in out.stderr
