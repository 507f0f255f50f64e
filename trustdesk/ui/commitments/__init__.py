"""COM-1..3 in the GUI: the Commitments tab, its dialogs and the approval list."""
