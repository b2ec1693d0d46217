"""Store subcommands (ingest, events, export, summary): being written."""
