"""Whether a folder is one a cloud client or Syncthing keeps in step (OneDrive, Dropbox, Google
Drive, iCloud, Box, SharePoint, Nextcloud, Syncthing): a workspace must not live in one, since
two laptops writing its files through it would each overwrite the other's. Light to import:
every command asks."""

import contextlib
import re
from pathlib import Path

# Folders a cloud client keeps in step, by the name a client gives them or a file it leaves.
SYNCED_NAMES = re.compile(
    r"^(OneDrive( - .+)?|Dropbox( \(.+\))?|Google ?Drive|My Drive|iCloud ?Drive|"
    r"Mobile Documents|Box|Box Sync|SharePoint|Nextcloud|ownCloud)$",
    re.IGNORECASE,
)
SYNCED_MARKERS = (".stfolder", ".dropbox", ".dropbox.cache", ".tmp.drivedownload", ".sync")


def synced_folder(path: Path) -> Path | None:
    """The folder a cloud client or Syncthing keeps in step that `path` is inside, if any."""
    try:
        resolved = path.resolve()
    except OSError:
        return None
    for folder in (resolved, *resolved.parents):
        if SYNCED_NAMES.match(folder.name):
            return folder
        for marker in SYNCED_MARKERS:
            with contextlib.suppress(OSError):
                if (folder / marker).exists():
                    return folder
    return None


def synced_note(root: Path) -> str | None:
    """One line when the workspace sits in a synced folder: two laptops writing its files
    through a cloud client would each overwrite the other's, or leave conflict copies."""
    folder = synced_folder(root)
    if folder is None:
        return None
    return (
        f"The workspace {root} is inside {folder}, which a sync tool keeps in step. Keep the "
        "workspace out of it and share the cluster through a folder of its own instead: "
        "`flourish share init --folder PATH`."
    )
