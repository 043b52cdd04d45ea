"""The app as bench/api_load.py serves it: Plenary's own settings and URLs plus two trivial views."""
