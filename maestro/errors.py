"""Errors a user can meet. Each says what went wrong and what to do about it."""

from __future__ import annotations


class MaestroError(Exception):
    """Base class: ``str(err)`` is one line a user can act on."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())


class GDDError(MaestroError):
    """The GDD cannot be read: missing, empty, binary, too large, undecodable."""

    exit_code = 2


class UnknownGenreError(MaestroError):
    exit_code = 2


class ConfigError(MaestroError):
    exit_code = 2


class StorageError(MaestroError):
    exit_code = 3


class BuildError(MaestroError):
    """A build was accepted but could not be completed; the project is recorded as failed."""

    exit_code = 4
