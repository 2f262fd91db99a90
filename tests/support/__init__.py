"""Test support shared by tests/ and bench/ (not shipped): generated bulletins, the reference bulletin."""
