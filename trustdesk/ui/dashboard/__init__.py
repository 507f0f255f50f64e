"""The Dashboard section (DSH-1..3): figures, the at-risk list, the stage roadmap."""
