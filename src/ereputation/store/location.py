"""Where the history lives by default, and how long a reader waits for a busy SQLite file.

Without SQLAlchemy, so that `quick` can find the database as `engine` does.
"""

from __future__ import annotations

from pathlib import Path

DB_ENV = "EREPUTATION_DB"
DEFAULT_FILE_NAME = "history.sqlite3"
# Long enough for another audit's transaction to finish, short enough to say so when it hangs.
BUSY_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 10


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ereputation", appauthor=False)) / DEFAULT_FILE_NAME
