"""A class: the roster of students, their sign-in secrets, each student's own progress
folder, and the staff report over all of them.

Core package: no Textual, no terminal output, no web server. `tutor serve` (tutor.serve) and
`tutor class …` (tutor.cli) render and route over it.

Layout under the class folder (`<data dir>/class`):

    roster.db              students, staff accounts, password hashes, one-time links (SQLite)
    secret                 the key that signs session cookies (created 0600 on first use)
    students/<id>/         one student's tutor data folder (their own study store)

The roster and the per-student progress sit behind small interfaces (`Roster`,
`ClassFolder.student_dir`), so a shared database backend can replace them later without
touching the server or the report.
"""

from tutor.classroom.ids import InvalidStudentId, normalize_student_id
from tutor.classroom.layout import ClassFolder
from tutor.classroom.passwords import hash_password, new_password, verify_password
from tutor.classroom.roster import Credential, Roster, RosterError, StaffMember, Student

__all__ = [
    "ClassFolder", "Credential", "InvalidStudentId", "Roster", "RosterError", "StaffMember", "Student",
    "hash_password", "new_password", "normalize_student_id", "verify_password",
]
