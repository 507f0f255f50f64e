"""TrustDesk: offline account management for the field salesperson."""

__version__ = "0.1.0"
