"""What the DuckDB store derives from the rows documents wrote (persons across séances)."""
