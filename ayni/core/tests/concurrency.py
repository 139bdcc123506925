"""Run several calls at the same instant from threads, each with its own database connection."""

import threading
import time

from django.db import OperationalError, connection


def retry_when_locked(call, *, attempts: int = 2000):
    """The SQLite test database lives in memory with a shared cache, where a busy writer makes the
    others fail at once ("table is locked") instead of waiting as busy_timeout makes them wait on a
    file. Every call here is one whole transaction (or a whole request), so trying again is what
    waiting does. PostgreSQL waits on its own and never gets here."""
    for _attempt in range(attempts):
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            connection.close()
            time.sleep(0.005)
    raise AssertionError("never got the database")


def run_together(calls, *, timeout: float = 120) -> list:
    """Start every call at once; return each call's result (or the exception it raised), in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = retry_when_locked(call)
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a racer never finished"
    return results
