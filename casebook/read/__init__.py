"""Files on disk → the text of a case file → its front matter, with the line of every key and value."""
