"""Editor tools: new files, schemas in the editor, what a change does (diff), renames."""
