"""Every write to campaigns, their targets and thresholds: each tells the campaign's cached
figures once it commits."""

from campaigns.freshness import figures_changed
from campaigns.models import Campaign, Target, Threshold
from core.services import Writes

campaign_writes = Writes(Campaign, after=(figures_changed,))
target_writes = Writes(Target, after=(figures_changed,))
threshold_writes = Writes(Threshold, after=(figures_changed,))
