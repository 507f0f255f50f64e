"""The customer list: paged table model, filter bar and view."""
