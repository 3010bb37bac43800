"""This library's MkDocs hooks: casebook's adapter, as it is (mkdocs.yml names this file)."""

from casebook.adapters.mkdocs import *  # noqa: F401,F403
