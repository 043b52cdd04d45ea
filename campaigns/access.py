"""Campaigns belong to an organization; their targets and thresholds follow the campaign."""

from campaigns.models import Campaign, Target, Threshold
from core.access import declare
from directory.access import OwnedPolicy

declare(Campaign, OwnedPolicy())
declare(Target, OwnedPolicy(parent="campaign"))
declare(Threshold, OwnedPolicy(parent="campaign"))
