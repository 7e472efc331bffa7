"""The roster in PostgreSQL: every serve node signs students in against the same one."""

from __future__ import annotations

from tutor.classroom.roster import Roster


def test_two_nodes_share_students_passwords_links_and_the_cookie_key(pg_url, tmp_path):
    one = Roster(tmp_path / "one" / "roster.db", db=pg_url)
    two = Roster(tmp_path / "two" / "roster.db", db=pg_url)  # another node, with its own folder
    try:
        assert one.add("ada", "Ada L.")[1] and not two.add("ada")[1]   # the same student, once
        credential = one.issue_password("ada")
        assert two.check_password("ada", credential.password).id == "ada"
        assert two.check_password("ada", "wrong") is None
        two.add("bob")
        link = two.issue_link("bob", "https://class.example")
        token = link.link.rsplit("/", 1)[1]
        assert one.link_is_open(token)
        assert one.redeem_link(token).id == "bob" and two.redeem_link(token) is None   # used once
        staff, new = one.add_staff("prof")
        assert new and isinstance(two.sign_in("prof", staff.password), type(one.get_staff("prof")))
        assert one.shared_secret() == two.shared_secret() and len(one.shared_secret()) == 64
        assert not (tmp_path / "one" / "roster.db").exists()  # nothing kept in the folder
        assert [s.id for s in two.students()] == ["ada", "bob"]
    finally:
        one.close()
        two.close()


def test_the_sqlite_roster_keeps_its_key_in_the_folder(tmp_path):
    roster = Roster(tmp_path / "roster.db", db="")
    try:
        assert roster.shared_secret() is None and roster.db_url is None
    finally:
        roster.close()


def test_tutor_db_env_puts_the_roster_in_postgresql(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DB", pg_url)
    roster = Roster(tmp_path / "roster.db")
    roster.add("cy")
    roster.close()
    again = Roster(tmp_path / "elsewhere.db", db=pg_url)
    assert again.get("cy") is not None
    again.close()


def test_a_roster_whose_connections_the_server_dropped_carries_on(pg_url, pg_admin_url, tmp_path):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    roster = Roster(tmp_path / "roster.db", db=pg_url)
    try:
        roster.add("ada")
        with psycopg.connect(pg_admin_url, autocommit=True) as admin:  # the database restarted
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
                          " AND pid <> pg_backend_pid()", (conninfo_to_dict(pg_url)["dbname"],))
        assert roster.get("ada") is not None
        password = roster.issue_password("ada").password  # a transaction, on a fresh connection
        assert roster.check_password("ada", password) is not None
    finally:
        roster.close()
