"""Team sync in the window (OFF-3): Sync now, the team server, the status bar, Conflicts."""
