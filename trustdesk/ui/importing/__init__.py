"""*File → Import contacts and customers…* (OFF-2): the import wizard and its pages."""
