"""Workspace errors. Each message names the file or folder and says what the user can do."""

from domain.errors import FlourishError


class WorkspaceError(FlourishError):
    pass


class WorkspaceMissing(WorkspaceError):
    pass


class WorkspaceExists(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    pass


class WorkspaceReadOnly(WorkspaceError):
    pass


class WorkspaceCorrupt(WorkspaceError):
    pass


class SchemaTooNew(WorkspaceError):
    pass


class WriteFailed(WorkspaceError):
    pass
