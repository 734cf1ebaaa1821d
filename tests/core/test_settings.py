from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("NIRVACHAN_", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_")
        )
    }
    return subprocess.run(
        [sys.executable, "-m", "nirvachan", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    env = {
        "NIRVACHAN_ENV": "production",
        "NIRVACHAN_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x7Qp!2vL9#mR4tZ8wK1yB6nH3jD5gF0sA-cE_uI*oP&lM^qW(rT)yU=iO[pA]sD{fG}",
        "ALLOWED_HOSTS": "nirvachan.example.org",
    }
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {
        "NIRVACHAN_ENV": "production",
        "NIRVACHAN_DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "a.b",
    }
    result = _run(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_development_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = {"NIRVACHAN_DATA_DIR": str(tmp_path)}
    first = _run(env, "shell", "-c", code)
    second = _run(env, "shell", "-c", code)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip().splitlines()[-1]
    assert key == second.stdout.strip().splitlines()[-1] and len(key) > 40
    assert (tmp_path / "secret_key").read_text().strip() == key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_default_database_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = _run({"NIRVACHAN_DATA_DIR": str(tmp_path)}, "shell", "-c", code)
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path / "nirvachan.sqlite3")


@pytest.mark.django_db
def test_sqlite_runs_with_wal_and_foreign_keys() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas; this pass runs on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_python_dash_m_and_console_script_are_the_same_manage_py() -> None:
    result = _run({}, "help")
    assert result.returncode == 0
    for command in ("demo", "audit", "migrate", "runserver"):
        assert command in result.stdout
    assert Path(sys.executable).with_name("nirvachan").exists()


def test_languages_are_bengali_hindi_english() -> None:
    assert [code for code, _ in settings.LANGUAGES] == ["bn", "hi", "en"]


@pytest.mark.django_db
def test_users_command_creates_and_assigns_through_the_services(monkeypatch: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from nirvachan.core.models import AuditEvent, RoleAssignment, User
    from tests.factories import make_geo

    make_geo()
    monkeypatch.setattr("sys.stdin", StringIO("a-good-long-passphrase-42\n"))
    out = StringIO()
    call_command(
        "users",
        "add",
        "rahima",
        "--role",
        "returning_officer",
        "--unit",
        "BD-DIS-51",
        "--language",
        "bn",
        stdout=out,
    )
    assert out.getvalue().strip() == "created rahima: returning_officer in BD-DIS-51"
    user = User.objects.get(username="rahima")
    assert user.check_password("a-good-long-passphrase-42") and user.preferred_language == "bn"
    assert list(RoleAssignment.objects.values_list("role", "unit__code")) == [
        ("returning_officer", "BD-DIS-51")
    ]
    assert list(AuditEvent.objects.values_list("event_type", flat=True)) == [
        "user.created",
        "role.assigned",
    ]
    monkeypatch.setattr("sys.stdin", StringIO("short\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("users", "add", "karim", "--role", "observer", "--unit", "BD")
    assert not User.objects.filter(username="karim").exists()
    with pytest.raises(CommandError, match="XX"):
        call_command("users", "assign", "rahima", "--role", "observer", "--unit", "XX")
