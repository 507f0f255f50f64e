"""Exports shared by the GUI and the CLI (may use Qt for drawing; never imports ui/)."""
