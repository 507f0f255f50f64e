"""Complaints, service recovery and the feedback loop (CMP-1..4, TCH-2) in the GUI."""
