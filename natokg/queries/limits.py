"""Limits on local queries: a time limit and a result-size guard, so that no query runs away.

rdflib's SPARQL evaluator is pure Python and lazy: a SELECT yields its solutions one by one, so
the row guard counts them as they come and stops at the limit, before they fill the memory. But
ORDER BY, DISTINCT, GROUP BY and CONSTRUCT gather every solution before the first one comes out,
and a cross product can run for hours; the time limit covers those. It is enforced by a watchdog
thread that, at the deadline, raises :class:`Deadline` in the thread running the query (CPython's
``PyThreadState_SetAsyncExc``, the one way to stop a thread from outside), and again every 50 ms
until it has stopped. The exception arrives between two bytecodes of the evaluator, which is all
Python, so it stops within milliseconds; it is a :class:`BaseException`, so rdflib's ``except
Exception`` blocks cannot swallow it (and its few bare ``except:`` only delay it). Unlike
``signal.alarm`` this works in any thread (Jupyter, web servers) and on every platform, and
unlike ``sys.settrace`` it costs nothing while the query runs. Memory is then bounded by what the
evaluator can gather before the deadline.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import threading
from collections.abc import Iterator

from natokg.errors import QueryError

#: Seconds a local query may run (``--timeout``; ``timeout=`` in Python; ``None``: no limit).
DEFAULT_TIMEOUT = 60.0

#: Rows (or triples, for CONSTRUCT and DESCRIBE) a local query may give (``--max-rows``).
DEFAULT_MAX_ROWS = 100_000


class Deadline(BaseException):
    """Raised inside a query's thread when its time limit is over (see :func:`deadline`)."""


def check_limits(timeout: float | None, max_rows: int | None) -> None:
    """Refuse a time limit that is not a positive, finite number of seconds, or a row limit that
    is not a positive whole number, naming the parameter; ``None`` means no limit.

    >>> check_limits(1.5, 10)
    >>> check_limits(float("nan"), 10)
    Traceback (most recent call last):
    natokg.errors.QueryError: timeout must be a positive, finite number of seconds, not nan
    """
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not math.isfinite(timeout) or timeout <= 0
    ):
        raise QueryError(f"timeout must be a positive, finite number of seconds, not {timeout!r}")
    if max_rows is not None and (isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1):
        raise QueryError(f"max_rows must be a whole number of at least 1, not {max_rows!r}")


#: After the deadline, how often (seconds) the watchdog raises again until the query has stopped.
_REPEAT = 0.05


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the ``with`` block in this thread for at most ``seconds``, then raise :class:`Deadline` in it.

    The exception is raised again every 50 ms until the block has ended: one that lands where
    Python ignores exceptions (a finaliser run by the garbage collector, a bare ``except:`` in a
    library) must not let the query run on.

    >>> import time
    >>> try:
    ...     with deadline(0.05):
    ...         while True:
    ...             time.sleep(0.001)
    ... except Deadline:
    ...     print("stopped")
    stopped
    """
    if seconds is None:
        yield
        return
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    finished = threading.Event()

    def watch() -> None:
        wait = seconds
        while not finished.wait(wait):
            with lock:  # under the lock, so that nothing is sent once the block has ended
                if finished.is_set():
                    return
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(Deadline))
            wait = _REPEAT

    def stop() -> None:
        with lock:
            finished.set()
        ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)  # drop one sent but not yet raised

    watchdog = threading.Thread(target=watch, name="natokg-query-deadline", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        # A Deadline still on its way may land inside stop(): catch it and stop again, until the
        # watchdog has seen the end (a Deadline the block raised goes on once this is done).
        while not finished.is_set():
            try:
                stop()
            except Deadline:
                continue


def timeout_error(source: str, seconds: float) -> QueryError:
    """The error for a query stopped at its time limit."""
    return QueryError(
        f"{source}: the query ran longer than its time limit of {seconds:g} s and was stopped; narrow it "
        "(fewer unbound patterns, a LIMIT), or allow more time with --timeout SECONDS (timeout= in Python)"
    )


def rows_error(source: str, max_rows: int, what: str = "rows") -> QueryError:
    """The error for a query whose answer is larger than the row limit."""
    return QueryError(
        f"{source}: the query gives more than {max_rows} {what} and was stopped; narrow it (a LIMIT, more "
        "patterns), or allow more with --max-rows N (max_rows= in Python)"
    )
