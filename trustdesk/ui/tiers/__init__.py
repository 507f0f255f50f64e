"""The value tiers window: the Pareto chart, each tier's customers and value, Recompute."""
