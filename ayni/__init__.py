"""Ayni: community mentoring and peer support."""

__version__ = "0.1.0"
