"""Demo data: reproducible bilingual customers for newcomers, screenshots and benchmarks.

Not a use case of the app, so it lives beside ``services`` rather than in it; it writes rows in
bulk but builds tags, owners and search entries with the services' own helpers.
"""

from trustdesk.demo.generator import SHOWCASE_MIN, generate
from trustdesk.demo.showcase import showcases

__all__ = ["SHOWCASE_MIN", "generate", "showcases"]
