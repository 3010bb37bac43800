"""MkDocs hooks of this library: casebook's pipeline (casebook/adapters/mkdocs.py) does the work."""

from casebook.adapters.mkdocs import *  # noqa: F401,F403
