"""Pages → the site, an offline bundle, a printed handout, exports."""
