"""The staff's desk: each user's home, one search over their records, and their calendar feed."""
