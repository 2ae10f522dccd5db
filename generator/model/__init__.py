"""The site as data: pages, views, links between them; built from loaded content, rendered by nothing."""
