"""The Visits section and the Log visit dialog."""
