"""Every write to campaigns, their targets and thresholds: each tells the campaign's cached
figures once it commits. Two writes of many rows: rolling a campaign over to next session, and
accepting the targets the record suggests."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.freshness import figures_changed
from campaigns.models import Campaign, Target, Threshold
from campaigns.selectors import latest_resolution
from campaigns.suggestions import suggested_targets
from core.access import policy_for, require
from core.services import Writes
from unrecord.models import Resolution
from unrecord.placeholders import next_session, placeholder_draft, real_draft

campaign_writes = Writes(Campaign, after=(figures_changed,))
target_writes = Writes(Target, after=(figures_changed,))
threshold_writes = Writes(Threshold, after=(figures_changed,))

NAME_LENGTH = Campaign._meta.get_field("name").max_length


@transaction.atomic
def roll_over_campaign(*, author, campaign: Campaign) -> Campaign:
    """Next session's campaign made from `campaign`: same goal, series, bodies, sharing, targets
    (state, wanted vote, priority, rationale) and thresholds, these pointed at the series' next
    draft (a placeholder until the UN publishes it). Stances stay where they are: the new
    campaign reads those from before its start as last session's (Campaign.stances_current_from).
    A campaign is rolled over once: a second time is refused, naming the first successor."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)  # two clicks, one successor
    _may_roll_over(author, campaign)
    current = _current_draft(campaign)
    following = _next_draft(current)
    successor = campaign_writes.save(
        author=author,
        record=Campaign(owner_id=campaign.owner_id),
        data={
            "name": _successor_name(campaign, current, following),
            "goal": campaign.goal,
            "status": Campaign.Status.PLANNING,
            "series": current.series,
            "shared_with_partners": campaign.shared_with_partners,
            "rolled_over_from": campaign,
            "resolutions": [following],
            "bodies": list(campaign.bodies.all()),
        },
    )
    _copy_targets(campaign, successor)
    _copy_thresholds(campaign, successor, series_id=current.series_id, following=following)
    return successor


def _may_roll_over(author, campaign: Campaign) -> None:
    policy = policy_for(Campaign)
    require(
        policy.can_change(author, campaign) and policy.can_add(author),
        "You may not roll this campaign over: it takes a role that may change it and add campaigns.",
    )
    successor = Campaign.objects.filter(rolled_over_from=campaign).first()
    if successor is not None:
        raise ValidationError(f"This campaign was rolled over already, to “{successor}”: open that one.")


def _current_draft(campaign: Campaign) -> Resolution:
    """The draft the campaign works on this session: its latest, else its series' latest."""
    current = latest_resolution(campaign)
    if current is None or current.session_id is None:
        drafts = Resolution.objects.filter(series_id=campaign.series_id, session__isnull=False)
        current = drafts.select_related("session").order_by("-session__number", "-pk").first()
    if current is None or current.series_id is None:
        raise ValidationError(
            "Name the campaign's series and this session's draft first: the roll-over finds next "
            "session's draft by them."
        )
    return current


def _next_draft(current: Resolution) -> Resolution:
    """The series' draft next session: the record's, else a placeholder until it is published."""
    session = next_session(current.session)
    found = real_draft(series=current.series, session=session)
    return found or placeholder_draft(series=current.series, session=session, body=current.body)


def _successor_name(campaign: Campaign, current: Resolution, following: Resolution) -> str:
    """The name with this session's number or year moved on by one ("DPRK 2014" -> "DPRK 2015");
    without either, the name with next session's."""
    old, new = current.session.number, following.session.number
    swaps = [(rf"\b{old}(st|nd|rd|th)\b", str(following.session).split()[1]), (rf"\b{old}\b", str(new))]
    for year in sorted({campaign.starts_on.year, *([current.adopted_on.year] if current.adopted_on else [])}):
        swaps.append((rf"\b{year}\b", str(year + 1)))
    for pattern, replacement in swaps:
        if re.search(pattern, campaign.name):
            return re.sub(pattern, replacement, campaign.name, count=1)[:NAME_LENGTH]
    suffix = f" ({following.session})"
    return campaign.name[: NAME_LENGTH - len(suffix)] + suffix


def _copy_targets(campaign: Campaign, successor: Campaign) -> None:
    # In one insert: the rows are a valid campaign's (one per state), checked when written there,
    # and the successor's figures were told once, by its own save.
    fields = ("state_id", "wanted_vote", "priority", "rationale", "is_illustrative")
    Target.objects.bulk_create(
        Target(campaign=successor, **dict(zip(fields, row, strict=True)))
        for row in campaign.targets.order_by("pk").values_list(*fields)
    )


def _copy_thresholds(
    campaign: Campaign, successor: Campaign, *, series_id: int, following: Resolution
) -> None:
    """Each threshold on a draft of the series now on next session's; one on an amendment stays
    behind: next session's amendments are not tabled yet."""
    copies = []
    for threshold in campaign.thresholds.select_related("resolution").order_by("pk"):
        if threshold.kind == Threshold.Kind.AMENDMENT_DEFEATED:
            continue
        on_series = threshold.resolution is not None and threshold.resolution.series_id == series_id
        threshold.pk, threshold.campaign = None, successor
        threshold.resolution = following if on_series else threshold.resolution
        threshold.amendment = None
        copies.append(threshold)
    Threshold.objects.bulk_create(copies)


@transaction.atomic
def accept_suggested_targets(*, author, campaign: Campaign, states: list[str] | None = None) -> list[Target]:
    """Make targets of the states the record suggests for `campaign` (suggested_targets), each
    with its reason as its rationale: those named by ISO3 code in `states`, or all of them."""
    require(policy_for(Target).can_add(author, campaign), "You may not add targets to this campaign.")
    suggestions = {suggestion.state.iso3: suggestion for suggestion in suggested_targets(campaign)}
    chosen = list(suggestions) if states is None else [code.upper() for code in states]
    unknown = sorted(set(chosen) - set(suggestions))
    if unknown:
        raise ValidationError(
            {
                "states": f"Not among the suggestions: {', '.join(unknown)} (a target already, or nothing "
                "in the record suggests it). Reload the suggestions."
            }
        )
    return [_accept(author, campaign, suggestions[code]) for code in dict.fromkeys(chosen)]


def _accept(author, campaign: Campaign, suggestion) -> Target:
    data = {
        "campaign": campaign,
        "state": suggestion.state,
        "wanted_vote": suggestion.wanted_vote,
        "priority": suggestion.priority,
        "rationale": f"Suggested from the record: {suggestion.reason}.",
    }
    return target_writes.save(author=author, record=Target(), data=data)
