"""This library's MkDocs hooks: casebook's pipeline does the work (casebook/adapters/mkdocs.py)."""

from casebook.adapters.mkdocs import *  # noqa: F401,F403
