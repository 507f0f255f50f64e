"""The Suggestions section: stage suggestions and win-back plans."""
