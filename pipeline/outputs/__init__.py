"""Outputs for analysts and journalists, read from the DuckDB database (never from the stages):
Parquet files, the SCDL "Délibérations" CSV with its validation, ad-hoc SQL, the HTML report.
Every module opens the database read-only through the store (`pipeline.store.open_read_only`),
so no output can change the data it reads."""
from pipeline.store import open_read_only

__all__ = ["open_read_only"]
