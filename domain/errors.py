"""Errors a user can act on. Every message says what is wrong and, where useful, what to do."""

from dataclasses import dataclass


class FlourishError(Exception):
    """Base for errors shown to the user as one line; the command line exits 2 on them."""


class ValidationError(FlourishError):
    """Input that breaks a rule of the program (a bad date, a duration out of range...).

    `field` names the input it is about (a facade keyword such as "due" or "title"), so a form
    can put the message under that field instead of guessing from its wording."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(FlourishError):
    """A team, action, challenge or briefing that the workspace does not hold."""


class Ambiguous(FlourishError):
    """A name or id prefix that matches more than one record."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


class RowsRejected(FlourishError):
    """A file with rows that cannot be imported: nothing of it was."""

    def __init__(self, rejected: list[Rejected], total: int):
        self.rejected, self.total = rejected, total
        first = rejected[0]
        more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
        super().__init__(
            f"{len(rejected)} of {total} rows rejected, so nothing was imported: "
            f"line {first.line}: {first.reason}{more}."
        )
