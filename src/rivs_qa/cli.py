"""The ``rivs-qa`` command's entry point: importing every command module registers its
commands on the apps of :mod:`rivs_qa.cli_app`."""

from __future__ import annotations

from rivs_qa import cli_ask, cli_report, cli_search, cli_verifier  # noqa: F401  (registers)
from rivs_qa.cli_app import CliState, DomainChoice, app

__all__ = ["CliState", "DomainChoice", "app", "main"]


def main() -> None:
    """Console-script entry point (``rivs-qa``)."""
    app(prog_name="rivs-qa")
