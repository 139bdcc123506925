"""Instruments shipped with Ayni, as TOML (a package so wheels carry the files)."""
