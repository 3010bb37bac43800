"""Thin adapters from other programs' events (MkDocs) to the pipeline."""
