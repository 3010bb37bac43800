"""The validated library as plain data, and what is derived from it (facets, related cases, selections)."""
