"""Where a class keeps its files under the data folder."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from tutor.classroom.ids import normalize_student_id

SECRET_BYTES = 32


@dataclass(frozen=True)
class ClassFolder:
    """The class folder: `<data dir>/class` (see the package docstring for what is inside)."""

    root: Path

    @classmethod
    def under(cls, data_dir: str | os.PathLike[str] | None) -> ClassFolder:
        """The class folder inside a tutor data folder (`--data-dir`, TUTOR_DATA_DIR or the user's)."""
        from tutor.study.paths import data_dir as resolve

        return cls(resolve(data_dir) / "class")

    @property
    def roster_path(self) -> Path:
        """The roster database."""
        return self.root / "roster.db"

    @property
    def students_root(self) -> Path:
        """The folder holding one data folder per student."""
        return self.root / "students"

    def student_dir(self, student_id: str) -> Path:
        """One student's own tutor data folder (the id is validated, so it is one plain name)."""
        return self.students_root / normalize_student_id(student_id)

    def secret(self) -> bytes:
        """The cookie-signing key, created (readable by the owner only) on first use."""
        path = self.root / "secret"
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            data = path.read_bytes().strip()
            if len(data) < SECRET_BYTES:
                raise ValueError(f"{path}: the class secret is too short; delete the file to make a new one "
                                 "(every student signs in again)") from None
            return data
        key = secrets.token_hex(SECRET_BYTES).encode("ascii")
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
