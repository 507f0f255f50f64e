"""Deals, orders, installed products and referrals in the GUI (DEA-1..4)."""
