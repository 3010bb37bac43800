"""Validated cases → Markdown/HTML pages (pure functions, no MkDocs imports)."""
