"""The account workspace: Overview and Contacts tabs, and their dialogs."""
