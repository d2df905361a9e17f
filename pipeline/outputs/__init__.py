"""Outputs for analysts and journalists, read from the DuckDB database (never from the stages):
Parquet files, the SCDL "Délibérations" CSV with its validation, ad-hoc SQL, the HTML report.
Every module opens the database read-only through the store (`pipeline.store.open_read_only`),
so no output can change the data it reads.

`open_read_only` is looked up when first used, so that the commands registered from this package
(`delib export`, `sql`, `report`, `audit`) do not load DuckDB when `delib` merely starts."""

__all__ = ["open_read_only"]


def __getattr__(name: str):
    if name == "open_read_only":
        from pipeline.store import open_read_only

        return open_read_only
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
