"""Production settings: refuse to start without a real secret; `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k" * 20 + "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1"


def manage(*args, **env):
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_the_site_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_without_debug_a_weak_secret_key_is_refused():
    result = manage("check", SECRET_KEY="django-insecure-short")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_check_deploy_reports_nothing_in_the_documented_production_setup():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="styring.ror-ikt.no",
        CACHE_URL="redis://127.0.0.1:6379/1",
        WAGTAILADMIN_BASE_URL="https://styring.ror-ikt.no",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
