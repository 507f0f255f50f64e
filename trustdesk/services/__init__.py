"""Use cases over a Session: plain data in, plain data out, readable errors for bad input.

Callers own the transaction (``with db.transaction() as s:``); services only flush.
"""
