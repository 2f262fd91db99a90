"""Layered settings: shipped defaults.toml, then an optional user file, then the environment.

A user file only overrides the keys it names. Secrets (database URL, SMTP URL, editor password,
signing key) come from the environment, never from files in the repository.
"""

from __future__ import annotations

import os
import re
import secrets
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from digest.errors import ConfigError

T = TypeVar("T", str, int, float, bool)

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULTS_FILE = PACKAGE_DIR / "defaults.toml"


def project_root() -> Path:
    """The checkout holding templates/, site/ and spiders/ (BANTIN_ROOT overrides)."""
    env = os.environ.get("BANTIN_ROOT")
    if env:
        return Path(env).resolve()
    return PACKAGE_DIR.parent


def templates_dir() -> Path:
    return project_root() / "templates"


def site_dir() -> Path:
    return project_root() / "site"


def default_sources_file() -> Path:
    return project_root() / "spiders" / "sources.toml"


def _merge(base: dict[str, Any], over: dict[str, Any], where: str, table: str = "") -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key not in base:
            raise ConfigError(f"{where}: unknown setting {key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{key}] must be a table")
            out[key] = _merge(base[key], value, f"{where} [{key}]", f"{table}{key}.")
        else:
            if type(value) is not type(base[key]) and not (
                isinstance(base[key], float) and isinstance(value, int)
            ):
                raise ConfigError(
                    f"{where}: {key!r} must be {type(base[key]).__name__}, got {type(value).__name__}"
                )
            rule = _RULES.get(table + key)
            if rule is not None and not rule[0](value):
                raise ConfigError(f"{where}: {key!r} {rule[1]}, not {value!r}")
            out[key] = value
    return out


_HHMM = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d")
# Values whose type alone does not make them valid, by their place in the file: caught when it
# is read, in one line naming the key, not as a traceback in the middle of a cron run.
_RULES: dict[str, tuple[Any, str]] = {
    "bulletin.cutoff": (lambda v: _HHMM.fullmatch(v), "must be a time HH:MM (00:00-23:59)"),
    "bulletin.publish_time": (lambda v: _HHMM.fullmatch(v), "must be a time HH:MM (00:00-23:59)"),
    "bulletin.order": (lambda v: v in ("city_first", "time"), "must be one of city_first, time"),
    "mail.starttls": (lambda v: v in ("auto", "always", "never"), "must be one of auto, always, never"),
    "crawl.concurrent_requests": (lambda v: v >= 1, "must be 1 or more"),
    "crawl.concurrent_per_domain": (lambda v: v >= 1, "must be 1 or more"),
    "crawl.download_timeout": (lambda v: v >= 1, "must be 1 or more"),
    "classify.relevance_threshold": (lambda v: v <= 1, "must be at most 1 (a probability)"),
    "classify.dedup_threshold": (lambda v: v <= 1, "must be at most 1 (a probability)"),
    "general.timezone": (lambda v: v == "Asia/Ho_Chi_Minh", "can only be Asia/Ho_Chi_Minh: bulletin days, "
                         "cut-offs and stamps are Vietnam time throughout"),
}


class Settings:
    """Read-only view of the merged settings: ``settings["crawl"]["user_agent"]``."""

    def __init__(self, data: dict[str, Any], user_file: Path | None = None) -> None:
        self._data = data
        self.user_file = user_file

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self._data[section]

    def value(self, section: str, key: str, kind: type[T]) -> T:
        """``[section] key`` as ``kind`` (str, int, float or bool). Its default lives in
        digest/defaults.toml and nowhere else: a key missing there is an error naming it, never
        a silent default in the caller."""
        try:
            raw = self._data[section][key]
        except KeyError as exc:
            raise KeyError(f"[{section}] {key} is not in digest/defaults.toml") from exc
        return kind(raw)

    def as_dict(self) -> dict[str, Any]:
        return {k: dict(v) for k, v in self._data.items()}

    # --- secrets and derived values -------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return Path(os.environ.get("BANTIN_DATA_DIR", self._data["general"]["data_dir"]))

    @property
    def db_url(self) -> str:
        env = os.environ.get("BANTIN_DB")
        if env:
            return env
        return f"sqlite:///{self.data_dir / self._data['general']['db_file']}"

    @property
    def smtp_url(self) -> str | None:
        return os.environ.get("BANTIN_SMTP_URL") or None

    @property
    def editor_password(self) -> str | None:
        return os.environ.get("BANTIN_EDITOR_PASSWORD") or None

    @property
    def secret_key(self) -> str:
        """Signing key for tokens and sessions; a stable per-install key is created when unset.

        A short or empty key (env or file) is refused: every session and e-mail link would be
        forgeable with it. The created file is readable by its owner only (0600)."""
        env = os.environ.get("BANTIN_SECRET_KEY")
        if env is not None and env != "":
            return _strong_key(env, "BANTIN_SECRET_KEY")
        path = self.data_dir / "secret.key"
        if not path.exists():
            _create_key_file(path)
        try:
            value = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the signing key {path}: {exc}") from exc
        return _strong_key(value, str(path))


MIN_SECRET_KEY_CHARS = 32


def _strong_key(value: str, where: str) -> str:
    """``value`` when it is long enough to sign with; ConfigError naming ``where`` otherwise."""
    value = value.strip()
    if len(value) < MIN_SECRET_KEY_CHARS or len(set(value)) < 8:
        raise ConfigError(
            f"{where}: the signing key is empty or too weak (need {MIN_SECRET_KEY_CHARS}+ random "
            "characters); delete the file to have a new one made, or set BANTIN_SECRET_KEY")
    return value


def _create_key_file(path: Path) -> None:
    """A new random key at ``path``, created 0600 and renamed into place (never half-written)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_urlsafe(48))
        os.chmod(tmp, 0o600)  # O_CREAT's mode is filtered by the umask; this is not
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"cannot create the signing key {path}: {exc}") from exc


def load_settings(user_file: str | Path | None = None) -> Settings:
    """Merge defaults with ``user_file`` (or $BANTIN_CONFIG). A named file that is missing is an error."""
    with DEFAULTS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    path_str = user_file or os.environ.get("BANTIN_CONFIG")
    path = Path(path_str) if path_str else None
    if path is not None:
        if not path.exists():
            raise ConfigError(f"settings file {path} does not exist")
        try:
            with path.open("rb") as fh:
                over = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        data = _merge(data, over, str(path))
    return Settings(data, path)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings (the CLI replaces them via ``use_settings``)."""
    return load_settings()


_current: Settings | None = None


def use_settings(settings: Settings) -> None:
    global _current
    _current = settings


def settings() -> Settings:
    return _current if _current is not None else get_settings()
