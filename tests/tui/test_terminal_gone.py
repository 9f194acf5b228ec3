"""The app quits once the terminal it was started in has gone (its window closed while a
parent such as `make run` kept the hang-up from it), rather than spinning on an input that
no longer exists."""

import os
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


async def test_the_app_quits_when_its_terminal_hangs_up(open_app):
    master, slave = os.openpty()
    try:
        async with open_app() as pilot:
            app = pilot.app
            app._terminal = slave
            app._check_terminal()
            assert not app._exit  # the terminal is there: nothing happens
            os.close(master)  # the window closes
            master = -1
            app._check_terminal()
            assert app._exit and app.return_code == 1
    finally:
        for fd in (master, slave):
            if fd >= 0:
                os.close(fd)
