"""Errors a user can act on. Every message says what is wrong and, where useful, what to do."""


class FlourishError(Exception):
    """Base for errors shown to the user as one line; the command line exits 2 on them."""


class ValidationError(FlourishError):
    """Input that breaks a rule of the program (a bad date, a duration out of range...)."""


class NotFound(FlourishError):
    """A team, action, challenge or briefing that the workspace does not hold."""


class Ambiguous(FlourishError):
    """A name or id prefix that matches more than one record."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates
