"""deliberata's staged pipeline: load -> layout -> segment -> extract -> resolve -> validate -> load_db."""

PIPELINE_VERSION = "0.1.0"
