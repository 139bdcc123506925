"""Serving Ayni with gunicorn from Python (used by `ayni serve` and `ayni demo`)."""

import multiprocessing
import os

from gunicorn.app.base import BaseApplication


class AyniServer(BaseApplication):
    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key.lower(), value)

    def load(self):
        return self.application


def default_workers() -> int:
    return min(2 * multiprocessing.cpu_count() + 1, 8)


def serve(*, bind: str, workers: int, threads: int = 1, timeout: int = 60, access_log: bool = True) -> None:
    from ayni.wsgi import application

    AyniServer(application, {
        "bind": bind, "workers": workers, "threads": threads, "timeout": timeout,
        "accesslog": "-" if access_log else None, "errorlog": "-", "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "proc_name": "ayni",
    }).run()
