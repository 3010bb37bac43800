"""Contributor tools apart from the pipeline: new case files, Word imports, new libraries."""
