"""Every write a record keeper makes to the public UN record by hand (imports of recorded votes
are jobs: unrecord/jobs.py)."""

from core.services import Writes
from unrecord.access import KEPT_MODELS

record_writes = {model: Writes(model) for model in KEPT_MODELS}
