"""The formats of this language: see config/formats/__init__.py."""
