"""OFF-2: Find duplicates… — pairs of records entered twice, compared side by side, merged
field by field, told apart, and merges undone."""
