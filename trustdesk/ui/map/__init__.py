"""The relationship map tab: the interactive view, its toolbar, coverage panel and legend."""
