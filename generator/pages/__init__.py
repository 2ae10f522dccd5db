"""Page builders: which pages the site has and what each shows (indicator, chapter, tracker, compare, data)."""
