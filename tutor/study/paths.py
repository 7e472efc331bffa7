"""Where the study database lives: `--data-dir`, else `TUTOR_DATA_DIR`, else the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tutor"
DB_NAME = "tutor.db"
ENV_VAR = "TUTOR_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the explicit override, then $TUTOR_DATA_DIR, then platformdirs' choice."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file inside the data folder."""
    return data_dir(override) / DB_NAME
