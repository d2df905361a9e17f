"""deliberata: French council délibérations -> validated records -> DuckDB. The map of the package is ARCHITECTURE.md."""

# Bumped whenever what the pipeline extracts changes: a batch re-reads documents ingested by
# another version instead of skipping them (ingest_log keys on sha256 and this).
PIPELINE_VERSION = "0.3.0"
