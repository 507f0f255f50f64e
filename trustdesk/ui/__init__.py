"""The Qt user interface. Calls services only; never SQL, never a Session of its own."""
