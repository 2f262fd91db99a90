"""Development-time generators (not shipped): run as python -m scripts.<name>. May import digest."""
