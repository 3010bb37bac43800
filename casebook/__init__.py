"""casebook: case files → validated cases → rendered pages.

The package knows nothing of MkDocs; ``hooks/casebook_hooks.py`` adapts MkDocs
events to it, and ``casebook.cli`` serves contributors and CI.
"""

__version__ = "0.1.0"
