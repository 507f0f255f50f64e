"""OFF-2: everything out of TrustDesk, in files other programs read.

``target`` is where the files go (a folder or a .zip, written under a temporary name and
renamed when complete); ``tables`` writes one CSV per table; ``people_xlsx`` the customers and
their people as spreadsheets for people to read; ``everything`` puts them together with a
manifest (``trustdesk export all``); ``vcard`` writes contacts as vCard 3.0 for a phone's
address book (``trustdesk export vcard``).
"""
