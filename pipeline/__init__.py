"""deliberata: French council délibérations -> validated records -> DuckDB. The map of the package is ARCHITECTURE.md."""

PIPELINE_VERSION = "0.2.0"
