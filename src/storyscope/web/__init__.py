"""The web UI and JSON API (``storyscope serve``): story feed, story pages, outlet pages."""
