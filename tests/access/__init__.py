"""The access matrix of issue 12: one declaration, run against the admin and the API."""
