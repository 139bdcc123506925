"""Backups of the whole database: SQLite's online backup API, or pg_dump for PostgreSQL."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    pass


def default_backup_path() -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
    return settings.DATA_DIR / "backups" / f"ayni-{stamp}.{suffix}"


def _pg_env() -> tuple[list[str], dict]:
    url = urlparse(settings.DATABASE_URL)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    args = ["-h", url.hostname or "localhost", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    return args, env


def backup(path: Path | None = None) -> Path:
    """Write a consistent copy of the live database to `path` while Ayni keeps running."""
    path = Path(path or default_backup_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return path
    if connection.vendor == "postgresql":
        if not shutil.which("pg_dump"):
            raise BackupError("pg_dump is not installed (Debian package postgresql-client).")
        args, env = _pg_env()
        name = settings.DATABASES["default"]["NAME"]
        result = subprocess.run(["pg_dump", "-Fc", *args, "-f", str(path), name],  # noqa: S603,S607
                                env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(result.stderr.strip())
        return path
    raise BackupError(f"Backups of {connection.vendor} are not supported.")


def restore(path: Path) -> None:
    """Replace the database's content with a backup made by `backup`."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"No backup at {path}.")
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.execute("PRAGMA schema_version")  # fails early on a file that is not SQLite
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not an Ayni SQLite backup: {error}") from error
        finally:
            source.close()
        return
    if connection.vendor == "postgresql":
        if not shutil.which("pg_restore"):
            raise BackupError("pg_restore is not installed (Debian package postgresql-client).")
        args, env = _pg_env()
        name = settings.DATABASES["default"]["NAME"]
        connection.close()
        result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, "-d", name, str(path)],  # noqa: S603,S607
                                env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(result.stderr.strip())
        return
    raise BackupError(f"Restoring {connection.vendor} is not supported.")
