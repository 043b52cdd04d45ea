"""The REST API of the public UN record, read-only: resources in `record`, analytics in `analytics`."""
