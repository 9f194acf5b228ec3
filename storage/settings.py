"""The user's settings file: who they are, their theme, and any keys they have remapped.

It lives beside the workspaces in the data folder (FLOURISH_CONFIG names another file):

    user = "Priya Shah"          # recorded in histories; --as overrides it
    theme = "nord"
    filter = "Helen"             # the dashboard's filter, kept until cleared

    [mail]                       # the SMTP server invitations go through (storage/mail.py)
    host = "smtp.school.org"

    [keys]                       # binding id = key(s), e.g. after pressing ? in the app
    "checkin.log" = "ctrl+l"
"""

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.errors import ValidationError
from storage.paths import data_root


def config_path() -> Path:
    env = os.environ.get("FLOURISH_CONFIG")
    return Path(env).expanduser() if env else data_root() / "config.toml"


def read_config(path: Path) -> dict[str, Any]:
    """The settings file's tables; none if it does not exist yet."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ValidationError(
            f"Cannot read the settings file {path}: {e}. Fix or remove it."
        ) from None


@dataclass
class Settings:
    user: str = ""
    theme: str = ""
    filter: str = ""  # the dashboard's filter ("Helen"), kept until cleared
    keys: dict[str, str] = field(default_factory=dict)
    path: Path = field(default_factory=config_path)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or config_path()
        data = read_config(path)
        keys = data.get("keys", {})
        if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
            raise ValidationError(
                f'In {path}, [keys] must map binding ids to keys, e.g. "checkin.log" = "ctrl+l".'
            )
        return cls(
            user=str(data.get("user", "")),
            theme=str(data.get("theme", "")),
            filter=str(data.get("filter", "")),
            keys=dict(keys),
            path=path,
        )

    def save_theme(self, theme: str) -> None:
        """Remember the theme, keeping everything else in the file as it was."""
        self.theme = theme
        self._save(theme=theme)

    def save_filter(self, text: str) -> None:
        """Remember the dashboard's filter ("" forgets it), for the next time it opens."""
        self.filter = text
        self._save(filter=text)

    def save_user(self, name: str) -> None:
        """Remember who the user is: their name goes with every change they make."""
        self.user = name
        self._save(user=name)

    def _save(self, **values: str) -> None:
        import tomli_w

        from storage.atomic import atomic_write

        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
        data.update(values)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, tomli_w.dumps(data).encode())
