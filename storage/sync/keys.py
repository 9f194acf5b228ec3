"""This person's key for a shared cluster, and sealing text only its holders can read.

The key is an age X25519 identity kept in the settings folder (`keys/identity.txt`, readable
by its owner only), made by `share init` or `share join`. Its public half (the recipient,
`age1…`) is in the person's file in the share. Text sealed by Flourish is age's armored form,
so anyone holding the key can open it with the standard `age` tool:

    age --decrypt --identity identity.txt note.age

A backup of the key (`share keys backup`) brought to a second laptop (`share join --key FILE`)
lets that laptop read what was sealed to the person. Lose every copy and the text sealed to
it cannot be read by anyone.

A key can be protected by a passphrase (`share init|join --passphrase`): it is then kept as
`keys/identity.age`, itself sealed with the passphrase the way `age --passphrase` does, which
`age --decrypt --identity identity.age` also opens (asking for the passphrase). Flourish asks
for the passphrase once per run: at a terminal, from FLOURISH_KEY_PASSPHRASE when set, or in
the app's own dialog.
"""

import base64
import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyrage import (  # type: ignore[import-untyped]  # the binding ships no type hints
    DecryptError,
    IdentityError,
    RecipientError,
    decrypt,
    encrypt,
    passphrase,
    x25519,
)

from domain.errors import ValidationError
from storage.atomic import atomic_write
from storage.settings import config_path

ARMOR_BEGIN, ARMOR_END = "-----BEGIN AGE ENCRYPTED FILE-----", "-----END AGE ENCRYPTED FILE-----"
SEALED = "age"  # a sealed field's key in the share: {"age": armored text, "to": level}


PASSPHRASE_ENV = "FLOURISH_KEY_PASSPHRASE"
_opened: dict[Path, x25519.Identity] = {}  # keys opened with their passphrase in this run
_phrases: dict[Path, str] = {}  # passphrases given in this run (the app's dialog)
_ask: list[Callable[[], str]] = []  # how to ask for a passphrase here (a terminal's prompt)


class KeyLocked(ValidationError):
    """The key is protected by a passphrase no one has given yet in this run."""


def key_path() -> Path:
    return config_path().parent / "keys" / "identity.txt"


def locked_path() -> Path:
    return key_path().with_name("identity.age")


def exists() -> bool:
    return key_path().exists() or locked_path().exists()


def is_protected() -> bool:
    return locked_path().exists()


def identity(create: bool = False) -> x25519.Identity | None:
    """This person's key; made (and saved, 0600) when `create` and there is none yet."""
    if locked_path().exists():
        return _unlocked(locked_path())
    path = key_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if not create:
            return None
        made = x25519.Identity.generate()
        _save(path, made)
        return made
    except OSError as e:
        raise ValidationError(f"Cannot read your key at {path}: {e.strerror or e}.") from None
    return _parse(text, path)


def create(phrase: str = "") -> x25519.Identity:
    """A new key for this person, protected by `phrase` when one is given."""
    if exists():
        raise ValidationError(f"There is a key here already ({key_path().parent}).")
    made = x25519.Identity.generate()
    if phrase:
        _check_phrase(phrase)
        sealed = armor(passphrase.encrypt(f"{made}\n".encode(), phrase))
        _write_secret(locked_path(), sealed.encode("utf-8"))
        _opened[locked_path()] = made
    else:
        _save(key_path(), made)
    return made


def unlock(phrase: str) -> x25519.Identity:
    """Open the passphrase-protected key for the rest of this run (the app's dialog)."""
    path = locked_path()
    _phrases[path] = phrase
    try:
        return _unlocked(path)
    except ValidationError:
        _phrases.pop(path, None)
        raise


def ask_with(prompt: Callable[[], str]) -> None:
    """How to ask for the passphrase in this run (a terminal's hidden prompt)."""
    _ask[:] = [prompt]


def _unlocked(path: Path) -> x25519.Identity:
    if path in _opened:
        return _opened[path]
    phrase = _phrases.get(path) or os.environ.get(PASSPHRASE_ENV, "")
    if not phrase and _ask:
        phrase = _ask[0]()
    if not phrase:
        raise KeyLocked(
            "Your key is protected by a passphrase: run this at a terminal to be asked for it, "
            f"or set {PASSPHRASE_ENV}."
        )
    try:
        opened = passphrase.decrypt(unarmor(path.read_text(encoding="utf-8")), phrase)
    except (DecryptError, ValueError):
        raise ValidationError("That passphrase does not open your key; try again.") from None
    except OSError as e:
        raise ValidationError(f"Cannot read your key at {path}: {e.strerror or e}.") from None
    key = _parse(opened.decode("utf-8", errors="replace"), path)
    _opened[path] = key
    return key


def _check_phrase(phrase: str) -> None:
    if len(phrase) < 8:
        raise ValidationError("A passphrase needs 8 characters or more (a few words is best).")


def recipient(key: x25519.Identity) -> str:
    return str(key.to_public())


def check_recipient(public: str, what: str) -> str:
    try:
        x25519.Recipient.from_str(public.strip())
    except (RecipientError, ValueError):
        raise ValidationError(f"{what} is not an age public key (age1…).") from None
    return public.strip()


def fingerprint(public: str) -> str:
    """A short form of a public key to compare by phone: three groups of four."""
    digest = hashlib.sha256(public.encode()).hexdigest()[:12]
    return " ".join(digest[i : i + 4] for i in (0, 4, 8))


def backup(to: Path) -> Path:
    """Copy the key to `to` (never over a file already there), for a password manager or a
    second laptop."""
    key = identity()
    if key is None:
        raise ValidationError(
            "There is no key here yet: it is made by `flourish share init` or `join`."
        )
    target = Path(to).expanduser()
    if target.exists():
        raise ValidationError(f"{target} exists already; give a new file name.")
    if is_protected():  # the copy keeps its passphrase
        _write_secret(target, locked_path().read_bytes())
    else:
        _save(target, key)
    return target


def restore(source: Path) -> x25519.Identity:
    """Use the key backed up at `source` on this laptop (a person's second laptop)."""
    path = Path(source).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ValidationError(f"Cannot read {path}: {e.strerror or e}.") from None
    protected = text.lstrip().startswith(ARMOR_BEGIN)
    key = _unlocked(path) if protected else _parse(text, path)
    here = identity() if exists() else None
    if here is not None and recipient(here) != recipient(key):
        raise ValidationError(
            f"This laptop has a different key already ({key_path().parent}); move it away "
            "first if the backup is the one to use."
        )
    if here is None and protected:
        _write_secret(locked_path(), text.encode("utf-8"))
        _opened[locked_path()] = key
    elif here is None:
        _save(key_path(), key)
    return key


def seal(text: str, recipients: list[str], to: str) -> dict[str, str]:
    """`text` readable only by the holders of `recipients`' keys, as the share stores it."""
    keys = [x25519.Recipient.from_str(r) for r in dict.fromkeys(recipients)]
    return {SEALED: armor(encrypt(text.encode("utf-8"), keys)), "to": to}


def is_sealed(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get(SEALED), str)


def unseal(value: Any, key: x25519.Identity | None) -> str | None:
    """The text, or None when `key` is not one it was sealed to (or it is damaged)."""
    if key is None:
        return None
    try:
        opened: bytes = decrypt(unarmor(value[SEALED]), [key])
        return opened.decode("utf-8")
    except (DecryptError, ValueError, UnicodeDecodeError):
        return None


def armor(data: bytes) -> str:
    """age's ASCII armor: base64 in lines of 64 between its BEGIN and END lines."""
    b64 = base64.b64encode(data).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return "\n".join([ARMOR_BEGIN, *lines, ARMOR_END]) + "\n"


def unarmor(text: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines()]
    if not lines or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        raise ValueError("not age armor")
    return base64.b64decode("".join(lines[1:-1]), validate=True)


def _parse(text: str, path: Path) -> x25519.Identity:
    secret = next((line.strip() for line in text.splitlines() if line.startswith("AGE-SECRET")), "")
    try:
        return x25519.Identity.from_str(secret)
    except (IdentityError, ValueError):
        raise ValidationError(f"{path} does not hold an age key (AGE-SECRET-KEY-1…).") from None


def _save(path: Path, key: x25519.Identity) -> None:
    body = "# Your Flourish key. Keep it secret; lose it and sealed notes cannot be read.\n"
    body += f"# public key: {recipient(key)}\n{key}\n"
    _write_secret(path, body.encode("utf-8"))


def _write_secret(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(path, data)
    with contextlib.suppress(OSError):  # not every platform has POSIX permissions
        os.chmod(path, 0o600)
