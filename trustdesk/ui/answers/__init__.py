"""VIS-5 in the GUI: the Ctrl+K quick search and the library editor."""
