"""`tutor class …`: staff commands for a class served with `tutor serve`.

    tutor class roster import FILE [--links] [--reissue] [--out FILE]
    tutor class roster add ID [--name NAME] [--link]
    tutor class roster list
    tutor class staff add NAME [--name NAME] [--out FILE] | list | remove NAME
    tutor class report [--json | --csv]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.classroom import Credential, Roster
    from tutor.cli.subparsers import Subparsers
    from tutor.model import Exam

Command = Callable[[argparse.Namespace, "list[Exam]"], int]

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def add_parser(sub: Subparsers) -> None:
    """Register `class` and its subcommands."""
    p = sub.add_parser("class", help="staff: the class roster and the class report (for `tutor serve`)")
    p.set_defaults(func=_usage(p))
    inner = p.add_subparsers(title="class commands", metavar="COMMAND", parser_class=type(p))

    roster = inner.add_parser("roster", help="who may sign in, and their credentials")
    roster.set_defaults(func=_usage(roster))
    rsub = roster.add_subparsers(title="roster commands", metavar="COMMAND", parser_class=type(p))
    imp = rsub.add_parser("import", help="add every student in a CSV file (column `id`, optional `name`)")
    imp.add_argument("file", help="CSV with a header row naming `id` (and `name`), or ids in the first column")
    _credential_options(imp)
    imp.add_argument("--reissue", action="store_true",
                     help="new credentials for students already on the roster too (their old ones stop working)")
    imp.set_defaults(func=run_import)
    add = rsub.add_parser("add", help="add one student (or give them new credentials)")
    add.add_argument("id", help="the student's id (letters, digits and . _ @ + -)")
    add.add_argument("--name", default="", help="their name, for staff's lists")
    _credential_options(add)
    add.set_defaults(func=run_add)
    lst = rsub.add_parser("list", help="the students on the roster")
    lst.set_defaults(func=run_list)

    staff = inner.add_parser("staff", help="staff accounts: they sign in to the staff page (the class report)")
    staff.set_defaults(func=_usage(staff))
    ssub = staff.add_subparsers(title="staff commands", metavar="COMMAND", parser_class=type(p))
    sadd = ssub.add_parser("add", help="add a staff account (or give one a new password), printed once")
    sadd.add_argument("staff_id", metavar="NAME", help="the account's sign-in name (letters, digits and . _ @ + -)")
    sadd.add_argument("--name", default="", help="the person's name, for lists")
    sadd.add_argument("--out", metavar="FILE", default=None,
                      help="write the password to FILE (readable by you only) instead of printing it")
    sadd.set_defaults(func=run_staff_add, links=False)
    slist = ssub.add_parser("list", help="the staff accounts")
    slist.set_defaults(func=run_staff_list)
    sremove = ssub.add_parser("remove", help="delete a staff account (its sessions end)")
    sremove.add_argument("staff_id", metavar="NAME")
    sremove.set_defaults(func=run_staff_remove)

    report = inner.add_parser("report", help="what the class misses: concepts, mistakes, parts, mocks, reviews due")
    fmt = report.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object")
    fmt.add_argument("--csv", action="store_true", help="CSV tables, one after another")
    report.set_defaults(func=run_report)

    from tutor.cli.main import _add_global_options

    for leaf in (imp, add, lst, sadd, slist, sremove, report):  # `tutor class roster add X --data-dir D` works too
        _add_global_options(leaf, argparse.SUPPRESS)


def _credential_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--link", "--links", dest="links", action="store_true",
                   help="one-time sign-in links instead of passwords")
    p.add_argument("--public-url", metavar="URL", default=DEFAULT_PUBLIC_URL,
                   help=f"the address students open, for the links (default {DEFAULT_PUBLIC_URL})")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write the credentials to FILE (readable by you only) instead of printing them")


def _usage(p: argparse.ArgumentParser) -> Command:
    def show(args: argparse.Namespace, exams: list[Exam]) -> int:
        p.print_help(sys.stderr)
        return 2
    return show


def _roster(args: argparse.Namespace) -> Roster:
    from tutor.classroom import ClassFolder, Roster

    return Roster(ClassFolder.under(getattr(args, "data_dir", None)).roster_path)


def _issue(roster: Roster, student_id: str, args: argparse.Namespace) -> Credential:
    if args.links:
        return roster.issue_link(student_id, args.public_url)
    return roster.issue_password(student_id)


def _hand_out(credentials: list[Credential], args: argparse.Namespace) -> int:
    from tutor.classroom.roster import credentials_csv

    if not credentials:
        print("No new credentials (everyone was on the roster already; --reissue gives them new ones).", file=sys.stderr)
        return 0
    text = credentials_csv(credentials)
    what = "links (each works once, for 7 days)" if args.links else "passwords"
    if args.out:
        path = Path(args.out)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            print(f"tutor class: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{len(credentials)} sign-in {what} written to {path}. Only hashes are kept: this file is the one copy.",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
        print(f"{len(credentials)} sign-in {what} above. Only hashes are kept: this is the one copy.", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Add the students in a CSV file and hand out credentials for the new ones."""
    from tutor.classroom import RosterError
    from tutor.classroom.roster import read_roster_file

    try:
        rows = read_roster_file(Path(args.file))
    except RosterError as exc:
        print(f"tutor class roster import: {exc}", file=sys.stderr)
        return 2
    roster = _roster(args)
    try:
        credentials, kept = [], 0
        staff = {m.id for m in roster.staff()}
        clash = [f"{args.file}:{row.line}: '{row.id}' is a staff account's name" for row in rows if row.id in staff]
        if clash:
            print("tutor class roster import: " + "\n".join(clash[:20]), file=sys.stderr)
            return 2
        for row in rows:
            _, new = roster.add(row.id, row.name)
            if new or args.reissue:
                credentials.append(_issue(roster, row.id, args))
            else:
                kept += 1
        added = len(rows) - kept
        print(f"{len(rows)} students read: {added} with new credentials, {kept} already on the roster (unchanged).",
              file=sys.stderr)
        return _hand_out(credentials, args)
    finally:
        roster.close()


def run_add(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Add one student, or give an existing one new credentials."""
    from tutor.classroom import InvalidStudentId, RosterError

    roster = _roster(args)
    try:
        try:
            student, new = roster.add(args.id, args.name)
        except (InvalidStudentId, RosterError) as exc:
            print(f"tutor class roster add: {exc}", file=sys.stderr)
            return 2
        if not new:
            print(f"'{student.id}' was on the roster already: new credentials; the old ones stop working.",
                  file=sys.stderr)
        return _hand_out([_issue(roster, student.id, args)], args)
    finally:
        roster.close()


def run_list(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Print the roster: id and name."""
    return _list_people(args, lambda roster: roster.students(), "student(s)")


def run_staff_add(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Add a staff account, or give one a new password."""
    from tutor.classroom import InvalidStudentId, RosterError

    roster = _roster(args)
    try:
        try:
            credential, new = roster.add_staff(args.staff_id, args.name)
        except (InvalidStudentId, RosterError) as exc:
            print(f"tutor class staff add: {exc}", file=sys.stderr)
            return 2
    finally:
        roster.close()
    if not new:
        print(f"'{credential.student_id}' was a staff account already: a new password; the old one and its "
              "sessions stop working.", file=sys.stderr)
    return _hand_out([credential], args)


def run_staff_list(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Print the staff accounts: name and the person's name."""
    return _list_people(args, lambda roster: roster.staff(), "staff account(s)")


def _list_people(args: argparse.Namespace, read: Callable[[Roster], Sequence[Any]], noun: str) -> int:
    """Print one roster list (students or staff), an id and name a line, and its count."""
    roster = _roster(args)
    try:
        people = read(roster)
    finally:
        roster.close()
    for person in people:
        print(f"{person.id}\t{person.name}" if person.name else person.id)
    print(f"{len(people)} {noun}.", file=sys.stderr)
    return 0


def run_staff_remove(args: argparse.Namespace, exams: list[Exam]) -> int:
    """Delete a staff account."""
    roster = _roster(args)
    try:
        removed = roster.remove_staff(args.staff_id)
    finally:
        roster.close()
    if not removed:
        print(f"tutor class staff remove: no staff account '{args.staff_id}'", file=sys.stderr)
        return 2
    print(f"Staff account '{args.staff_id.strip().lower()}' removed; its sessions end.", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace, exams: list[Exam]) -> int:
    """The class report (see tutor.classroom.report)."""
    from tutor.cli.class_report import print_report

    return print_report(args, exams)
