"""Front matter and body → a validated case, or a problem for every mistake; the whole library checked together."""
