"""Outputs read from the DuckDB database."""
