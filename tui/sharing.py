"""The app's side of a shared cluster: syncing in a worker (on open, every few minutes, on
"Sync now" and, bounded, on quit), the footer's sharing state, and the footer itself.

Nothing here runs for a workspace that is not shared, and git is imported only in the worker.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer, Label

from domain.errors import FlourishError

if TYPE_CHECKING:
    from storage.sync.share import SyncReport
    from tui.app import FlourishApp

SYNC_MINUTES = 5
QUIT_SECONDS = 4.0  # the longest quitting waits for a last sync


class AppFooter(Footer):
    """The footer, with the sharing state at its right when the cluster is shared."""

    DEFAULT_CSS = """
    AppFooter #share-state {
        dock: right;
        width: auto;
        padding: 0 1;
        color: $footer-description-foreground;
        background: $footer-background;
    }
    AppFooter #share-state.-attention {
        color: $warning;
        text-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        yield from super().compose()
        syncer = getattr(self.app, "syncer", None)
        if syncer is not None and syncer.shared:
            # At the right, just before the palette's key (docked there too): over the last
            # keys when the terminal is narrow, so that it is never pushed out of sight.
            label = ShareState(syncer.line, id="share-state", markup=False)
            label.set_class(syncer.attention, "-attention")
            yield label

    def on_resize(self) -> None:
        # Below 100 columns the keys close up, so that ? Help and q Quit stay in sight.
        self.compact = self.size.width < 100
        for label in self.query(ShareState):
            label.call_after_refresh(label.beside_palette)

    def show_state(self, line: str, attention: bool) -> None:
        for label in self.query("#share-state").results(Label):
            label.update(line)
            label.set_class(attention, "-attention")


class ShareState(Label):
    """The sharing state, docked at the right beside the palette's key."""

    def on_mount(self) -> None:
        self.call_after_refresh(self.beside_palette)

    def beside_palette(self) -> None:
        palette = self.parent.query(".-command-palette") if self.parent else None
        width = palette.first().outer_size.width if palette else 0
        if palette and not width:  # not laid out yet: place it once it is
            self.set_timer(0.2, self.beside_palette)
            return
        self.styles.offset = (-width, 0)


class Syncer:
    """Keeps a shared workspace in step with its share while the app runs."""

    def __init__(self, app: FlourishApp):
        self.app = app
        self.shared = False
        self.line = ""
        self.attention = False
        self.local_changes = 0
        self.last: SyncReport | None = None
        self.running = False
        self.locked = False  # the key's passphrase was asked for and not given
        self.told: set[str] = set()  # who asks to join, said once per session

    def start(self) -> None:
        from storage.sync.state import is_shared

        self.shared = is_shared(self.app.root)
        if not self.shared:
            return
        self._show()
        self.sync(announce=False)
        self.app.set_interval(SYNC_MINUTES * 60, lambda: self.sync(announce=False))

    def changed(self, by_share: bool = False) -> None:
        """A change was saved here: it is not shared until the next sync. `by_share`: the
        share has counted it already (a conflict decided)."""
        if self.shared:
            self.local_changes += 0 if by_share else 1
            self._show()

    def sync(self, announce: bool = True) -> None:
        """Sync in a worker: typing never waits for the network."""
        if not self.shared or self.running:
            if announce and self.running:
                self.app.notify("A sync is already under way.", markup=False)
            return
        self.running = True
        self._show()
        self.app.run_worker(lambda: self._run(announce), thread=True, group="sync", exclusive=True)

    def _run(self, announce: bool) -> None:
        from storage.sync.keys import KeyLocked

        try:
            report = self._sync_once()
        except KeyLocked:
            self.app.call_from_thread(self._ask_passphrase, announce)
            return
        except FlourishError as e:
            self.app.call_from_thread(self._failed, str(e))
            return
        self.app.call_from_thread(self._done, report, announce)

    def _sync_once(self) -> SyncReport:
        from storage.sync.share import Share
        from storage.workspace import Workspace

        # A workspace object of its own: the worker must not share the screens' file handles.
        with Share.open(Workspace.open(self.app.root, self.app.clock)) as share:
            return share.sync()

    def _done(self, report: SyncReport, announce: bool) -> None:
        self.running = False
        self.last = report
        if not report.offline:
            self.local_changes = 0
        self._show()
        # Whatever the sync wrote came from the share: never counted as a change made here.
        self.app.data_changed(saved_here=False)
        self._tell_asking()
        for note in report.skew:
            self.app.notify(
                f"A clock looks wrong: {note} is in the future.",
                title="Sync",
                severity="warning",
                markup=False,
            )
        if announce or report.received or report.new_conflicts:
            warn = bool(report.offline or report.new_conflicts or report.waiting)
            self.app.notify(
                report.line(),
                title="Sync",
                severity="warning" if warn else "information",
                markup=False,
            )

    def _ask_passphrase(self, announce: bool) -> None:
        """A protected key: ask for its passphrase once; a sync waits until it is given
        (Sync now asks again)."""
        from tui.dialogs.passphrase import PassphraseScreen

        self.running = False
        if self.locked and not announce:
            self._show()
            return

        def given(opened: bool | None) -> None:
            self.locked = not opened
            self._show()
            if opened:
                self.sync(announce=True)

        self.locked = True
        self._show()
        self.app.push_screen(PassphraseScreen(), given)

    def _tell_asking(self) -> None:
        from storage.sync.state import ShareState

        try:
            state = ShareState.load(self.app.root)
        except FlourishError:
            return
        for who in state.asking if state else []:
            if who in self.told:
                continue
            self.told.add(who)
            name = who.rsplit(" (", 1)[0]
            self.app.notify(
                f"{who} asks to join the share. Compare the key's fingerprint with them by "
                f'phone, then: flourish share approve "{name}" --role coach --teams TEAM',
                title="Sharing",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def _failed(self, message: str) -> None:
        self.running = False
        self._show()
        self.app.notify(message, title="Not synced", severity="error", timeout=10, markup=False)

    def at_quit(self) -> None:
        """Share what was changed in this window before the app closes, waiting a few seconds
        at most: a sync cut short is finished by the next one."""
        if not self.shared or not (self.local_changes or self.running or self._waiting()):
            return
        done = threading.Event()

        def last() -> None:
            try:
                self._sync_once()
            except Exception:  # quitting must never fail; the next sync completes it
                pass
            finally:
                done.set()

        threading.Thread(target=last, daemon=True).start()
        done.wait(QUIT_SECONDS)

    def _waiting(self) -> int:
        """Changes committed to the share here and not yet sent (a conflict decided, say)."""
        from storage.sync.state import ShareState

        try:
            state = ShareState.load(self.app.root)
        except FlourishError:
            return 0
        return state.unshared if state else 0

    def _show(self) -> None:
        self.line, self.attention = self._state()
        for footer in self.app.screen.query(AppFooter).results(AppFooter):
            footer.show_state(self.line, self.attention)

    def _state(self) -> tuple[str, bool]:
        from storage.sync.state import ShareState

        try:
            state = ShareState.load(self.app.root)
        except FlourishError:
            return "⚠ share settings unreadable", True
        if state is None:
            return "", False
        if self.running:
            return "⇅ syncing…", False
        if state.to_review():
            return f"⚠ {state.to_review()} to review", True
        waiting = state.unshared + self.local_changes
        if state.offline:
            return (f"offline · ● {waiting} not shared yet" if waiting else "offline"), True
        if state.waiting:  # a teammate's bundle was still on its way through the folder
            names = ", ".join(state.waiting)
            return f"⇣ {names}: not fully arrived", True
        if self.locked:
            return "⚠ key locked", True
        if state.standing == "pending":
            return "◷ awaiting approval", True
        if state.asking:
            return f"☛ {len(state.asking)} asking to join", True
        if waiting:
            return f"● {waiting} not shared yet", False
        if state.last_sync:
            when = datetime.fromisoformat(state.last_sync).astimezone()
            return f"⇅ shared {when:%H:%M}", False
        return "⇅ not synced yet", False
