"""What a library declares: its fields and their kinds, its vocabularies, its places."""
