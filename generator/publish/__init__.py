"""What runs inside MkDocs while it publishes `build/docs`: the Markdown fast path and the search index."""
