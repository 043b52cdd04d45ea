"""French: day first, 31/12/2026, read as in British English (config/formats/en_GB)."""

from config.formats.en_GB.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]
