"""The security baseline: a clean deploy check in production, and no start without a secret key."""

import os
import secrets
import subprocess
import sys

PRODUCTION = {"LANTERN_ENV": "production", "ALLOWED_HOSTS": "library.example.org", "DATABASE_URL": "sqlite://:memory:"}


# The browser tests' async switch and pytest's settings must not leak into a "deployed" process.
IGNORED = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def lantern(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "lantern.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in {**os.environ, **env}.items() if k not in IGNORED},
    )


def test_deploy_check_is_clean_in_production():
    result = lantern("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = lantern("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
