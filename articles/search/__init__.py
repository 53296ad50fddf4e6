"""Korean full-text search for articles: see docs/search.md."""
