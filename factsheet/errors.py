"""Exceptions raised by factsheet's stages.

The library never imports Click: each stage raises a :class:`FactsheetError`
whose message is one line naming the file and what to do, and the CLI turns it
into ``Error: ...`` with exit code 1.
"""


class FactsheetError(Exception):
    """A problem the user can fix; ``str(error)`` is the one-line message."""


class ArticleError(FactsheetError):
    """An article file cannot be read or decoded."""


class RecordError(FactsheetError):
    """A fact file or the entity registry is invalid."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        #: every :class:`factsheet.records.Problem` found, errors and warnings
        self.problems = list(problems)


class ConfigError(FactsheetError):
    """The project configuration (``factsheet.yml``) is invalid."""


class BuildError(FactsheetError):
    """Rendering or the MkDocs build failed."""


class DeployError(FactsheetError):
    """Publishing the built site failed."""
