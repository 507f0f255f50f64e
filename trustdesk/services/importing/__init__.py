"""OFF-2: contacts and customers from other programs' files (CSV, XLSX, vCard).

``sources`` reads a file into a ``SourceTable`` (nothing written); ``mapping`` says which
column is which field; ``importer`` writes the rows in one transaction.
"""
