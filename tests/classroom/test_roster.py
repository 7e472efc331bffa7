"""The roster: ids, passwords, links, CSV import, and the `tutor class roster` commands."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tutor.classroom import ClassFolder, InvalidStudentId, Roster, RosterError, normalize_student_id
from tutor.classroom.passwords import hash_password, verify_password
from tutor.classroom.roster import parse_roster


@pytest.mark.parametrize("text", ["", "  ", "../bob", "a/b", ".hidden", "x" * 65, "bob\x00", "é"])
def test_ids_that_could_name_another_path_are_refused(text):
    with pytest.raises(InvalidStudentId):
        normalize_student_id(text)


def test_ids_are_stored_trimmed_and_lower_case():
    assert normalize_student_id("  Jo.Bruin@ucla.edu ") == "jo.bruin@ucla.edu"
    assert ClassFolder(root=Path("/c")).student_dir("Ann") == Path("/c/students/ann")


def test_password_hashes_are_salted_scrypt_and_check_exactly():
    first, second = hash_password("pw", n=2**10), hash_password("pw", n=2**10)
    assert first.startswith("scrypt$1024$") and first != second
    assert verify_password("pw", first) and not verify_password("pW", first)
    assert not verify_password("pw", None) and not verify_password("pw", "scrypt$bad")


def test_a_password_issued_works_until_the_next_is_issued(tmp_path):
    roster = Roster(tmp_path / "roster.db")
    roster.add("ann", "Ann")
    old = roster.issue_password("ann").password
    assert roster.check_password("ANN", old).id == "ann"
    generation = roster.get("ann").generation
    new = roster.issue_password("ann").password
    assert roster.check_password("ann", old) is None
    assert roster.check_password("ann", new) is not None
    assert roster.get("ann").generation == generation + 1
    assert roster.check_password("nobody", new) is None
    roster.close()


def test_a_link_is_one_time_and_expires(tmp_path):
    now = [1000.0]
    roster = Roster(tmp_path / "roster.db", clock=lambda: now[0])
    roster.add("ann")
    token = roster.issue_link("ann", "http://x/", lifetime_s=60).link.rsplit("/", 1)[1]
    assert roster.link_is_open(token)
    assert roster.redeem_link(token).id == "ann"
    assert roster.redeem_link(token) is None
    late = roster.issue_link("ann", "http://x", lifetime_s=60).link.rsplit("/", 1)[1]
    now[0] += 61
    assert not roster.link_is_open(late) and roster.redeem_link(late) is None
    assert roster.redeem_link("") is None and roster.redeem_link("x" * 500) is None
    roster.close()


def test_roster_csv_with_header_or_bare_ids():
    rows = parse_roster("name,ID\nAnn Lee,A1\n\nBo,b2\n")
    assert [(r.id, r.name, r.line) for r in rows] == [("a1", "Ann Lee", 2), ("b2", "Bo", 4)]
    assert [r.id for r in parse_roster("x1\nx2,ignored\n")] == ["x1", "x2"]


def test_roster_csv_errors_name_the_line():
    with pytest.raises(RosterError) as caught:
        parse_roster("id\nann\n../etc\nann\n", "class.csv")
    message = str(caught.value)
    assert "class.csv:3:" in message and "class.csv:4: 'ann' is listed twice (first on line 2)" in message


def test_roster_import_prints_each_new_students_credential_once(run_tutor, tmp_path):
    csv_file = tmp_path / "students.csv"
    csv_file.write_text("id,name\nann,Ann\nbo,=cmd()\n", encoding="utf-8")
    data = tmp_path / "data"
    done = run_tutor("class", "roster", "import", str(csv_file), data_dir=data)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "id,name,password,link" and len(lines) == 3
    assert lines[2].startswith("bo,'=cmd(),")  # a spreadsheet shows the name, never runs it
    password = lines[1].split(",")[2]
    roster = Roster(ClassFolder(data / "class").roster_path)
    assert roster.check_password("ann", password) is not None
    roster.close()
    again = run_tutor("class", "roster", "import", str(csv_file), data_dir=data)
    assert again.returncode == 0 and again.stdout == "" and "2 already on the roster" in again.stderr
    listed = run_tutor("class", "roster", "list", data_dir=data)
    assert listed.stdout == "ann\tAnn\nbo\t=cmd()\n" and "2 student(s)." in listed.stderr


def test_roster_add_with_a_link_writes_a_private_file(run_tutor, tmp_path):
    out = tmp_path / "links.csv"
    done = run_tutor("class", "roster", "add", "Ann", "--link", "--public-url", "https://tutor.example.edu",
                     "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "https://tutor.example.edu/signin/link/" in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_bad_roster_input_gets_a_message_not_a_traceback(run_tutor, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id\n\xff\xfe\n")
    done = run_tutor("class", "roster", "import", str(bad))
    assert done.returncode == 2 and "not UTF-8" in done.stderr and "Traceback" not in done.stderr
    done = run_tutor("class", "roster", "add", "../x")
    assert done.returncode == 2 and "not a valid student id" in done.stderr
    done = run_tutor("class", "roster", "import", str(tmp_path / "missing.csv"))
    assert done.returncode == 2 and "cannot read" in done.stderr


def test_staff_accounts_sign_in_apart_from_students(tmp_path):
    roster = Roster(tmp_path / "roster.db")
    roster.add("ann")
    ann = roster.issue_password("ann").password
    credential, new = roster.add_staff("TA1", "Ada")
    assert new and credential.student_id == "ta1" and credential.password
    assert roster.sign_in("ta1", credential.password) == roster.get_staff("ta1")
    assert roster.sign_in("ann", ann) == roster.get("ann")
    assert roster.sign_in("ta1", ann) is None and roster.check_password("ta1", credential.password) is None
    again, new = roster.add_staff("ta1")  # a new password; the name is kept
    assert not new and roster.get_staff("ta1").generation == 2 and roster.get_staff("ta1").name == "Ada"
    assert roster.sign_in("ta1", credential.password) is None and roster.sign_in("ta1", again.password)
    with pytest.raises(RosterError, match="is a student"):
        roster.add_staff("ann")
    with pytest.raises(RosterError, match="staff account"):
        roster.add("ta1")
    assert roster.remove_staff("ta1") and roster.sign_in("ta1", again.password) is None
    assert not roster.remove_staff("ta1")


def test_the_staff_commands(run_tutor, tmp_path):
    data = tmp_path / "data"
    done = run_tutor("class", "staff", "add", "ta1", "--name", "Ada", data_dir=data)
    assert done.returncode == 0, done.stderr
    header, row = done.stdout.splitlines()
    assert header == "id,name,password,link" and row.startswith("ta1,Ada,")
    assert run_tutor("class", "staff", "list", data_dir=data).stdout == "ta1\tAda\n"
    clash = run_tutor("class", "roster", "add", "ta1", data_dir=data)
    assert clash.returncode == 2 and "staff account" in clash.stderr and "Traceback" not in clash.stderr
    (tmp_path / "s.csv").write_text("id\nann\nta1\n", encoding="utf-8")
    clash = run_tutor("class", "roster", "import", str(tmp_path / "s.csv"), data_dir=data)
    assert clash.returncode == 2 and "s.csv:3: 'ta1' is a staff account's name" in clash.stderr
    run_tutor("class", "roster", "add", "bo", data_dir=data)
    taken = run_tutor("class", "staff", "add", "bo", data_dir=data)
    assert taken.returncode == 2 and "is a student" in taken.stderr
    assert run_tutor("class", "staff", "remove", "ta1", data_dir=data).returncode == 0
    assert run_tutor("class", "staff", "remove", "ta1", data_dir=data).returncode == 2
