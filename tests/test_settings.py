"""Settings come from the environment, and the app refuses to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_refuses_to_start_with_debug_off_and_no_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_starts_with_debug_off_and_a_secret_key():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr


def test_database_url_selects_the_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_manage(
        "shell", "--no-imports", "-c", code, DATABASE_URL="postgres://someone@db.example:5432/fakes"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_is_the_default_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    environment_without_url = {"DATABASE_URL": ""}
    result = run_manage("shell", "--no-imports", "-c", code, **environment_without_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_dates_are_shown_and_read_the_british_way_without_the_translation_machinery():
    import datetime

    from django import forms
    from django.utils import formats

    day = datetime.date(2006, 10, 25)
    assert formats.date_format(day) == "25 Oct 2006"
    assert formats.date_format(day, "SHORT_DATE_FORMAT") == "25/10/2006"
    assert forms.DateField().clean("25/10/2006") == day
    assert forms.DateField().clean("2006-10-25") == day  # ISO is always accepted
