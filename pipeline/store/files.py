"""The store's file primitives: hidden temporary names that carry their writer, so a
crashed writer's leftovers can be told from a live one's, and the atomic exchange of
two folders that compaction swaps a day with."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import socket
import uuid

TMP_PREFIX = ".tmp-"
LEFTOVER_SECONDS = 3600.0  # a temporary file older than this is a crashed writer's


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def writer_tag() -> str:
    """host~pid~token: leftover cleanup never takes a live writer's file."""
    return f"{socket.gethostname()}~{os.getpid()}~{uuid.uuid4().hex}"


def remove_files(paths: list[str]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


def tmp_name() -> str:
    return f"{TMP_PREFIX}{writer_tag()}.inprogress"


def dead_writer(tag: str) -> bool:
    """Whether a host~pid~token name was left by a process of this host that is gone."""
    who = tag.split("~")
    return len(who) == 3 and who[0] == socket.gethostname() and who[1].isdigit() and not pid_alive(int(who[1]))


def exchange(a: str, b: str) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, a.encode(), at_fdcwd, b.encode(), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), a)
