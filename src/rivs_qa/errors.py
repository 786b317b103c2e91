"""Domain errors. Raised inside; turned into HTTP statuses or one CLI line at the edges."""


class RivsError(Exception):
    """Base class for every error this package raises on purpose."""


class ReportFormatError(RivsError):
    """The report text is truncated or is not the expected report; the message names what is missing."""


class NotFound(RivsError):
    """An id (section, footnote, country, chunk …) that the report does not have."""


class BadQuestion(RivsError):
    """A question the service cannot take (empty, too long, wrong language code …)."""


class IndexMismatch(RivsError):
    """The index on disk does not belong to this corpus/embedder, or is damaged."""


class SettingsError(RivsError):
    """A RIVS_QA_* environment variable holds a value the settings cannot take."""


class Unavailable(RivsError):
    """A part the request needs is not running (search index, session store …): try later."""
