"""Settings: a user file overrides only what it names; mistakes are named, not guessed."""

from pathlib import Path

import pytest

from digest.config import load_settings
from digest.errors import ConfigError


def test_defaults_load() -> None:
    s = load_settings()
    assert s["bulletin"]["cutoff"] == "16:00"
    assert s["general"]["timezone"] == "Asia/Ho_Chi_Minh"


def test_user_file_overrides_only_its_keys(tmp_path: Path) -> None:
    f = tmp_path / "bantin.toml"
    f.write_text('[bulletin]\ncutoff = "15:30"\n', encoding="utf-8")
    s = load_settings(f)
    assert s["bulletin"]["cutoff"] == "15:30"
    assert s["bulletin"]["publish_time"] == "16:40"


@pytest.mark.parametrize(
    "content, message",
    [
        ('[bulletin]\ncutof = "15:30"\n', "unknown setting 'cutof'"),
        ("[bulletin]\ncutoff = 1530\n", "'cutoff' must be str"),
        ("[nosuch]\nx = 1\n", "unknown setting 'nosuch'"),
        ("[bulletin\n", "bantin.toml"),
        # well typed, still wrong: refused when read, not as a traceback mid-run
        ('[bulletin]\ncutoff = "25:00"\n', r"\[bulletin\]: 'cutoff' must be a time HH:MM \(00:00-23:59\), not '25:00'"),
        ('[bulletin]\npublish_time = "4pm"\n', "'publish_time' must be a time HH:MM"),
        ('[bulletin]\norder = "random"\n', "'order' must be one of city_first, time, not 'random'"),
        ('[mail]\nstarttls = "yes"\n', "'starttls' must be one of auto, always, never"),
        ("[crawl]\nconcurrent_requests = -3\n", "'concurrent_requests' must be 1 or more, not -3"),
        ("[classify]\nrelevance_threshold = 1.5\n", "'relevance_threshold' must be at most 1"),
        ('[general]\ntimezone = "Asia/Hanoi_X"\n', "'timezone' can only be Asia/Ho_Chi_Minh"),
    ],
)
def test_bad_user_file_is_named(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bantin.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(f)


def test_missing_user_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_db_url_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANTIN_DB", "postgresql://u@h/db")
    assert load_settings().db_url == "postgresql://u@h/db"


def test_typed_value_reads_the_defaults_file_and_names_a_missing_key() -> None:
    from digest.config import settings

    assert settings().value("web", "port", int) == 8000
    assert settings().value("web", "session_hours", float) == 12.0
    assert settings().value("mail", "smtputf8", bool) is True
    with pytest.raises(KeyError, match=r"\[web\] no_such_key is not in digest/defaults.toml"):
        settings().value("web", "no_such_key", str)


def test_signing_key_file_is_private_and_weak_keys_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key file is created 0600 and reused; an empty or short key (file or env) is an error,
    never a key anyone could sign with."""
    from digest.config import load_settings
    from digest.errors import ConfigError

    monkeypatch.delenv("BANTIN_SECRET_KEY")
    monkeypatch.setenv("BANTIN_DATA_DIR", str(tmp_path))
    made = load_settings().secret_key
    key_file = tmp_path / "secret.key"
    assert len(made) >= 32 and (key_file.stat().st_mode & 0o777) == 0o600
    assert load_settings().secret_key == made
    for weak in ("", "   \n", "short"):
        key_file.write_text(weak)
        with pytest.raises(ConfigError, match="too weak"):
            _ = load_settings().secret_key
    monkeypatch.setenv("BANTIN_SECRET_KEY", "x" * 40)
    with pytest.raises(ConfigError, match="BANTIN_SECRET_KEY"):
        _ = load_settings().secret_key
