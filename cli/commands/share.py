"""Sharing one cluster through git: `flourish share init|join|status|members|log|doctor`,
`flourish sync` and `flourish conflicts`.

The sharing code (and git with it) is imported only here, inside the handlers, so that quick
capture (`flourish checkin add`) starts as fast as before."""

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cli.args import Group, json_flag, json_list, team_option
from cli.context import find_team_id, open_program, workspace_path
from cli.output import short
from cli.output.records import print_json
from domain.errors import ValidationError
from domain.records import Person, parse_person
from domain.text import quoted

if TYPE_CHECKING:
    from storage.sync.share import Conflict, Share

EXIT_REVIEW, EXIT_OFFLINE = 3, 4


def register(top: Group) -> None:
    share = top.group(
        "share", "share this cluster with the other coaches and the chair (git, or a folder)"
    )
    p = share.add("init", init, "make this workspace the cluster's share")
    _where(
        p,
        "an empty git repository: a path, file://, ssh:// or https:// URL",
        "a folder OneDrive, Google Drive, SharePoint, a network drive or Syncthing keeps in "
        "step (made if missing)",
    )
    p.add_argument(
        "--recovery-key",
        metavar="AGE_PUBLIC_KEY",
        help="the organisation's recovery key (age1…), whose private half the data-protection "
        "lead keeps offline: it can open every note sealed in the share",
    )
    _passphrase(p)
    p = share.add("join", join, "make a new workspace from a cluster someone shared")
    _where(
        p,
        "the cluster's git repository, as the chair gave it to you",
        "the cluster's shared folder, as it is on this computer",
    )
    p.add_argument(
        "--key",
        metavar="FILE",
        help="your key's backup from your other laptop (`share keys backup`), so this one "
        "reads your confidential notes too",
    )
    _passphrase(p)
    keys = share.group("keys", "your key, which seals your confidential notes")
    p = keys.add("show", keys_show, "your public key and its short fingerprint")
    json_flag(p)
    p = keys.add("backup", keys_backup, "copy your key to a file (keep it safe)")
    p.add_argument("file", help="where to write the copy (a new file)")
    p = keys.add("restore", keys_restore, "use your key's copy on this laptop")
    p.add_argument("file", help="the copy `share keys backup` made on your other laptop")
    p = share.add("approve", approve, "let someone who joined read their teams (the chair)")
    p.add_argument("person", help="their name, email or id, as `share members` lists them")
    p.add_argument("--role", required=True, choices=("coach", "chair", "viewer"))
    p.add_argument(
        "--teams",
        metavar="TEAM[,TEAM…]",
        default="",
        help="the teams they work with, by name or id (a chair reads every team)",
    )
    p = share.add("remove", remove, "stop sharing new text with someone (the chair)")
    p.add_argument("person", help="their name, email or id")
    p = share.add("status", status, "where this workspace shares to and what is waiting")
    json_flag(p)
    p = share.add("members", members, "the people sharing this cluster")
    json_list(p)
    p = share.add("log", log, "who changed what in the shared cluster, newest first")
    team_option(p, help="only changes to this team's records")
    p.add_argument("--limit", type=int, default=30, help="how many changes (default 30)")
    json_list(p)
    p = share.add("doctor", doctor, "check this workspace's share and fix what can be fixed")
    p.add_argument("--repair", action="store_true", help="fix what was found")

    p = top.add("sync", sync, "exchange changes with the cluster's share")
    json_flag(p)

    conflicts = top.group(
        "conflicts",
        "values two people changed at once, kept for review (alone: list them)",
        default=list_conflicts,
    )
    assert conflicts.parser is not None
    json_list(conflicts.parser)
    p = conflicts.add("list", list_conflicts, "the conflicts waiting for review")
    json_list(p)
    p = conflicts.add("show", show_conflict, "one conflict: both values, who wrote them, when")
    p.add_argument("id", help="the conflict's id (or its first characters)")
    json_flag(p)
    p = conflicts.add("resolve", resolve_conflict, "keep one of the two values")
    p.add_argument("id", help="the conflict's id (or its first characters)")
    p.add_argument(
        "--keep",
        required=True,
        choices=("mine", "theirs"),
        help="mine: your value (if neither is yours, the one your workspace shows); "
        "theirs: the other one",
    )


def _passphrase(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="protect your new key with a passphrase, asked for here (or taken from "
        "FLOURISH_KEY_PASSPHRASE); Flourish then asks for it once each time it opens your key",
    )


def _new_key(args: argparse.Namespace) -> None:
    """Make the person's key before sharing, protected by a passphrase if they asked."""
    import os

    from storage.sync import keys

    if keys.exists():
        if args.passphrase:
            raise ValidationError(
                f"You have a key already ({keys.key_path().parent}); it is used as it is."
            )
        return
    if not args.passphrase:
        return
    phrase = os.environ.get(keys.PASSPHRASE_ENV, "")
    if not phrase:
        if not sys.stdin.isatty():
            raise ValidationError(
                f"To protect your key, run this at a terminal or set {keys.PASSPHRASE_ENV}."
            )
        import getpass

        phrase = getpass.getpass("Passphrase for your new key: ")
        if getpass.getpass("The same passphrase again: ") != phrase:
            raise ValidationError("The two passphrases differ; nothing was made.")
    keys.create(phrase)


def _ask_at_terminal() -> None:
    """At a terminal, a protected key's passphrase is asked for when the key is first needed."""
    if sys.stdin.isatty():
        import getpass

        from storage.sync import keys

        keys.ask_with(lambda: getpass.getpass("Passphrase for your Flourish key: "))


def _where(p: argparse.ArgumentParser, git: str, folder: str) -> None:
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--git", metavar="URL", help=git)
    where.add_argument("--folder", metavar="PATH", help=folder)


def _remote(args: argparse.Namespace) -> str:
    from storage.sync.folder import FOLDER

    return FOLDER + args.folder if args.folder is not None else args.git


def _how(remote: str) -> str:
    """How a coach names this share to join it."""
    from storage.sync.folder import folder_path, is_folder

    return f"--folder {folder_path(remote)}" if is_folder(remote) else f"--git {remote}"


# -- share -----------------------------------------------------------------------------------


def init(args: argparse.Namespace) -> int:
    from storage.sync.share import Share

    program = open_program(args)
    chair = program.cluster().chair
    person = (
        _person(args) if getattr(args, "user", "") else Person(name=chair.name, email=chair.email)
    )
    _ask_at_terminal()
    _new_key(args)
    with Share.init(program.ws, _remote(args), person, args.recovery_key or "") as share:
        how = _how(share.state.remote)
        print(
            f"Shared the cluster {quoted(program.cluster().name)} ({how.split(' ', 1)[1]}) as "
            f"{person.name}. Coaches join with:\n"
            f'  flourish share join {how} --as "Name, email"'
        )
    return 0


def join(args: argparse.Namespace) -> int:
    from storage.clock import clock_from_env
    from storage.settings import Settings
    from storage.sync.share import Share

    if not getattr(args, "user", ""):
        raise ValidationError(
            'Say who you are: flourish share join --git URL --as "Name, email" (or --folder PATH).'
        )
    person = _person(args)
    root = workspace_path(args)
    _ask_at_terminal()
    if args.key:
        from storage.sync import keys

        keys.restore(args.key)
    else:
        _new_key(args)
    with Share.join(root, _remote(args), person, clock_from_env()) as share:
        settings = Settings.load()
        if not settings.user:
            settings.save_user(person.name)
        where = _how(share.state.remote).split(" ", 1)[1]
        print(f"Joined the cluster at {where} as {person.name}, in {root}.")
        print(share.report.line())
        if share.status()["you_are"] == "pending":
            print(_ask_chair())
    return 0


def _person(args: argparse.Namespace) -> Person:
    from domain.records import check_email
    from domain.text import one_line

    person = parse_person(args.user)
    one_line(person.name, "Your name")
    if person.email:
        check_email(person.email, "Your")
    return person


def keys_show(args: argparse.Namespace) -> int:
    from storage.sync import keys

    _ask_at_terminal()
    key = keys.identity()
    if key is None:
        raise ValidationError(
            "There is no key here yet: `flourish share init` or `share join` makes one."
        )
    public = keys.recipient(key)
    if args.json:
        print_json({"public_key": public, "fingerprint": keys.fingerprint(public)})
        return 0
    print(f"Public key   {public}")
    print(f"Fingerprint  {keys.fingerprint(public)}")
    if keys.is_protected():
        print(f"Kept in      {keys.locked_path()} (readable by you only, behind a passphrase)")
    else:
        print(f"Kept in      {keys.key_path()} (readable by you only)")
    return 0


def keys_backup(args: argparse.Namespace) -> int:
    from storage.sync import keys

    _ask_at_terminal()
    written = keys.backup(args.file)
    print(
        f"Wrote your key to {written}. Keep it where only you can reach it (a password "
        "manager); `flourish share join --key FILE` uses it on another laptop."
    )
    return 0


def keys_restore(args: argparse.Namespace) -> int:
    from storage.sync import keys

    _ask_at_terminal()
    key = keys.restore(args.file)
    public = keys.recipient(key)
    print(
        f"This laptop now uses your key ({keys.fingerprint(public)}); your confidential notes "
        "open here from the next sync."
    )
    return 0


def status(args: argparse.Namespace) -> int:
    with _open(args) as share:
        found = share.status()
    if args.json:
        print_json(found)
        return 0
    print(f"Shared at   {_how(found['remote']).split(' ', 1)[1]}")
    print(f"You         {found['you']} (this workspace: {short(found['workspace_id'])})")
    print(f"Last shared {_when(found['last_shared']) or 'not yet'}")
    if found["offline"]:
        print(f"Offline     {found['offline']}")
    if found.get("waiting_for"):
        print(f"On the way  {', '.join(found['waiting_for'])}: not fully arrived at the last sync")
    print(f"Not shared  {found['not_shared']}")
    print(f"To review   {found['to_review']}")
    for p in found["pending"]:
        print(f"Waiting     {p['name']} asked to join (key {p['fingerprint']}): `share approve`")
    if found["you_are"] == "pending":
        print(_ask_chair())
    return 0


def members(args: argparse.Namespace) -> int:
    with _open(args) as share:
        people = share.members()
        names = _team_names(share)
    if args.json:
        print_json(people)
        return 0
    for p in people:
        you = "  (you)" if p["you"] else ""
        email = f" <{p['email']}>" if p["email"] else ""
        key = f"  key {p['fingerprint']}" if p["fingerprint"] else "  no key"
        print(f"{_standing(p):<8} {p['name']}{email}{you}{key}")
        if p["status"] == "approved" and p["role"] != "chair" and p["teams"] is not None:
            teams = ", ".join(names.get(t, t) for t in p["teams"]) or "no team"
            print(f"         reads {teams}")
    if any(p["status"] == "pending" for p in people):
        print(
            "Compare each pending key's fingerprint with its owner by phone, then: "
            "flourish share approve NAME --role coach --teams TEAM"
        )
    return 0


def _standing(person: dict[str, Any]) -> str:
    return person["status"] if person["status"] != "approved" else person["role"] or "member"


def approve(args: argparse.Namespace) -> int:
    program = open_program(args)
    refs = [t.strip() for t in args.teams.split(",") if t.strip()]
    team_ids = [program.team(ref).id for ref in refs]
    with _open(args) as share:
        record, count = share.approve(args.person, args.role, team_ids)
        line = share.report.line()
    teams = ", ".join(program.team(t).name for t in team_ids) if team_ids else "every team"
    print(
        f"Approved {record['name']} as {args.role}, reading {teams}; sealed the text of "
        f"{count} record{'s' * (count != 1)} again to include them. {line}"
    )
    return 0


def remove(args: argparse.Namespace) -> int:
    with _open(args) as share:
        record = share.remove(args.person)
        line = share.report.line()
    print(
        f"Removed {record['name']}: nothing written from now on is sealed to them. What they "
        f"could read before stays readable to their key (history cannot be un-shared). {line}"
    )
    return 0


def _ask_chair() -> str:
    from storage.sync import keys

    key = keys.identity()
    fingerprint = keys.fingerprint(keys.recipient(key)) if key else "?"
    return (
        "Until the chair approves you, teams' notes read 'not shared with you'. Ask the chair "
        f"to approve you, and read them your key's fingerprint by phone: {fingerprint}"
    )


def log(args: argparse.Namespace) -> int:
    program = open_program(args)
    team_id = find_team_id(program, args.team)
    with _open(args) as share:
        entries = share.log(team_id, max(1, args.limit))
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print("No changes yet.")
    for e in entries:
        n = e["records"]
        print(f"{_when(e['at'])}  {e['by']}: {e['what']} ({n} record{'s' * (n != 1)})")
    return 0


def doctor(args: argparse.Namespace) -> int:
    with _open(args) as share:
        found = share.checkup()
        if not found:
            print("This workspace's share is in order.")
            return 0
        for finding in found:
            print(f"- {finding.text}")
        if not args.repair:
            if any(f.fixable for f in found):
                print("`flourish share doctor --repair` fixes what it can.")
            return EXIT_REVIEW
        for done in share.repair_all(found):
            print(done)
    return 0


# -- sync and conflicts ----------------------------------------------------------------------


def sync(args: argparse.Namespace) -> int:
    with _open(args) as share:
        report = share.sync()
    if args.json:
        print_json(report.as_json())
    else:
        print(report.line(hint="flourish conflicts"))
        for note in report.skew:
            print(f"flourish: note: a clock looks wrong: {note} is in the future.", file=sys.stderr)
        for skipped in report.skipped:
            print(f"flourish: note: not brought in: {skipped}", file=sys.stderr)
        for copy in report.copies:
            print(
                f"flourish: note: read {copy}, a sync tool's conflict copy of a bundle; it is "
                "harmless, and `flourish share doctor --repair` removes our own.",
                file=sys.stderr,
            )
        if report.offline:
            print(
                f"flourish: {report.offline}. Your changes are kept here and are shared at "
                "the next sync.",
                file=sys.stderr,
            )
    return report.exit_code


def list_conflicts(args: argparse.Namespace) -> int:
    with _open(args) as share:
        found = share.conflicts()
        names = _team_names(share)
    if getattr(args, "json", False):
        print_json([c.as_json() for c in found])
        return 0
    if not found:
        print("Nothing to review.")
        return 0
    for c in found:
        print(_conflict_line(c, names))
    print(
        f"\n{len(found)} to review: flourish conflicts show ID, then resolve ID --keep mine|theirs"
    )
    return 0


def show_conflict(args: argparse.Namespace) -> int:
    with _open(args) as share:
        c = share.conflict(args.id)
        names = _team_names(share)
    if args.json:
        print_json(c.as_json())
        return 0
    print(_conflict_line(c, names))
    if c.note:
        print(f"  {c.note}")
    mine = " (yours)" if c.mine == "kept" else ""
    print(f"  kept{mine}: {_quoted(c.kept)}  — {c.kept_by}, {_when(c.kept_at)}")
    mine = " (yours)" if c.mine == "other" else ""
    print(f"  other{mine}: {_quoted(c.other)}  — {c.other_by}, {_when(c.other_at)}")
    return 0


def resolve_conflict(args: argparse.Namespace) -> int:
    with _open(args) as share:
        c = share.resolve(args.id, args.keep)
    print(f"Resolved {c.id}: kept {args.keep}. It is shared at the next sync.")
    return 0


def _conflict_line(c: "Conflict", names: dict[str, str]) -> str:
    where = names.get(c.team_id or "", "the cluster")
    from storage.sync.layout import KINDS

    what = KINDS.get(c.table, c.table)
    return f"{c.id}  {where}: {what} {short(c.record_id)}, {c.field}"


def _quoted(value: Any) -> str:
    from storage.sync.share import in_words

    return quoted(value) if isinstance(value, str) else in_words(value)


def _when(value: "datetime | str | None") -> str:
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _team_names(share: "Share") -> dict[str, str]:
    """Each team's name by id, archived teams too (a conflict may be in one)."""
    from storage.facade import Flourish

    program = Flourish(share.ws)
    return {t.id: t.name for t in [*program.teams(), *program.teams(archived=True)]}


class _open:
    """The workspace's share, closed after use."""

    def __init__(self, args: argparse.Namespace):
        self.args = args

    def __enter__(self) -> "Share":
        from storage.sync.share import Share

        program = open_program(self.args)
        _ask_at_terminal()
        self.share = Share.open(program.ws)
        return self.share

    def __exit__(self, *exc: object) -> None:
        self.share.close()
