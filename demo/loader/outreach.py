"""Loads the campaign and its outreach: targets and thresholds, the side meeting, the meetings with
missions, the stances they produced, and the follow-ups."""

import datetime

from advocacy.models import FollowUp, Incident, Meeting, Position, SideEvent, Stance
from campaigns.models import Campaign, Target, Threshold
from demo.dataset import campaign as campaign_data
from demo.dataset import outreach
from demo.loader.context import Demo
from unrecord.models import MemberState

# How a recorded vote reads as a position.
POSITION_FOR_VOTE = {
    "Y": (Position.SUPPORTS, "Voted yes"),
    "N": (Position.OPPOSES, "Voted no"),
    "A": (Position.ABSTAINS, "Abstained"),
    "X": (Position.NO_POSITION, "Did not vote"),
}


def load_campaign(demo: Demo) -> None:
    data = campaign_data.CAMPAIGN
    demo.campaign, _ = Campaign.objects.get_or_create(
        owner=demo.owner,
        name=data["name"],
        defaults={
            **{key: data[key] for key in ("goal", "status", "starts_on", "ends_on")},
            "series": demo.resolution.series,
            "shared_with_partners": True,
        },
    )
    demo.campaign.resolutions.add(demo.resolution)
    demo.campaign.bodies.add(*(demo.bodies[code] for code in data["bodies"]))
    _load_thresholds(demo)
    _load_targets(demo)


def _load_thresholds(demo: Demo) -> None:
    for data in campaign_data.THRESHOLDS:
        is_about_amendment = data["kind"] == Threshold.Kind.AMENDMENT_DEFEATED
        Threshold.objects.get_or_create(
            campaign=demo.campaign,
            kind=data["kind"],
            body=demo.bodies[data["body"]],
            defaults={
                "value": data.get("value"),
                "resolution": demo.resolution,
                "amendment": demo.amendment if is_about_amendment else None,
                "is_illustrative": data["illustrative"],
            },
        )


def _load_targets(demo: Demo) -> None:
    for data in campaign_data.TARGETS:
        Target.objects.get_or_create(
            campaign=demo.campaign,
            state=demo.states[data["state"]],
            defaults={
                "wanted_vote": data.get("wanted_vote", "Y"),
                "priority": data["priority"],
                "rationale": data.get("rationale", campaign_data.RATIONALE_BY_PRIORITY[data["priority"]]),
                "is_illustrative": True,
            },
        )


def load_side_event(demo: Demo) -> None:
    data = outreach.SIDE_EVENT
    event, _ = SideEvent.objects.get_or_create(
        owner=demo.owner,
        title=data["title"],
        date=data["date"],
        defaults={
            **{key: data[key] for key in ("location", "venue", "description", "outcome")},
            "body": demo.bodies[data["body"]],
            "session": demo.session,
            "shared_with_partners": True,
        },
    )
    event.organizers.add(*(demo.organizations[handle] for handle in data["organizers"]))
    event.cosponsors.add(*(demo.states[code] for code in data["cosponsors"]))
    event.speakers.add(*(demo.people[handle] for handle in data["speakers"]))
    event.delegations_present.add(*(demo.states[code] for code in data["delegations_present"]))
    event.campaigns.add(demo.campaign)
    for incident in outreach.INCIDENTS:
        Incident.objects.get_or_create(
            side_event=event,
            kind=incident["kind"],
            defaults={"state": demo.states["PRK"], "description": incident["description"]},
        )
    demo.side_event = event


def load_meetings(demo: Demo) -> None:
    for data in outreach.MEETINGS:
        demo.meetings[data["state"]] = _lobbying_meeting(demo, data)
    demo.meetings["PILLAY"] = _pillay_meeting(demo)


def _lobbying_meeting(demo: Demo, data: dict) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        owner=demo.owner,
        date=data["date"],
        place=data["place"],
        defaults={
            **{key: data[key] for key in ("commitments", "summary")},
            "ask": outreach.ASK,
            "confidential_notes": data.get("confidential_notes", ""),
            "shared_with_partners": True,
            "is_illustrative": True,
        },
    )
    meeting.states.add(demo.states[data["state"]])
    meeting.attendees.add(*(demo.people[handle] for handle in outreach.NEW_YORK_TEAM + data["witnesses"]))
    meeting.partner_organizations.add(demo.organizations["HRW"])
    meeting.campaigns.add(demo.campaign)
    meeting.resolutions.add(demo.resolution)
    return meeting


def _pillay_meeting(demo: Demo) -> Meeting:
    """December 2012, before this campaign: on record as what led to the Commission of Inquiry."""
    data = outreach.PILLAY_MEETING
    meeting, _ = Meeting.objects.get_or_create(
        owner=demo.owner,
        date=data["date"],
        place=data["place"],
        defaults={
            **{key: data[key] for key in ("ask", "commitments", "summary")},
            "shared_with_partners": True,
        },
    )
    meeting.representatives.add(*(demo.people[handle] for handle in data["representatives"]))
    meeting.attendees.add(*(demo.people[handle] for handle in data["attendees"]))
    meeting.partner_organizations.add(
        *(demo.organizations[handle] for handle in data["partner_organizations"])
    )
    return meeting


def load_stances(demo: Demo) -> None:
    """Per target: the analyst's reading before the meetings, what the mission said, and then the
    recorded vote, which does not always agree with what was said. All on the resolution, by the
    organization, so that each of its campaigns on it sees them."""
    votes = dict(demo.plenary_vote.votes.values_list("state_id", "choice"))
    said = {data["state"]: data["said"] for data in outreach.MEETINGS}
    for target in campaign_data.TARGETS:
        state = demo.states[target["state"]]
        _stance(
            demo, state, campaign_data.BASELINE_DAY, Stance.Evidence.JUDGEMENT, position=target["baseline"]
        )
        meeting = demo.meetings.get(target["state"])
        if meeting is not None:
            _stance(
                demo,
                state,
                meeting.date,
                Stance.Evidence.MEETING,
                position=said[target["state"]],
                meeting=meeting,
            )
        _vote_stance(demo, state, votes[state.pk])


def _vote_stance(demo: Demo, state: MemberState, choice: str) -> None:
    position, said = POSITION_FOR_VOTE[choice]
    _stance(
        demo,
        state,
        demo.plenary_vote.date,
        Stance.Evidence.VOTE,
        position=position,
        vote_event=demo.plenary_vote,
        note=f"{said} in the plenary recorded vote on {demo.resolution.adopted_symbol}.",
        is_illustrative=False,
    )


_CONFIDENCE = {
    Stance.Evidence.JUDGEMENT: Stance.Confidence.LOW,
    Stance.Evidence.MEETING: Stance.Confidence.MEDIUM,
    Stance.Evidence.VOTE: Stance.Confidence.HIGH,
}


def _stance(demo: Demo, state, as_of: datetime.date, evidence: str, **values) -> None:
    Stance.objects.get_or_create(
        owner=demo.owner,
        state=state,
        resolution=demo.resolution,
        as_of=as_of,
        evidence=evidence,
        defaults={
            "shared_with_partners": True,
            "confidence": _CONFIDENCE[evidence],
            "recorded_by": demo.staff,
            "is_illustrative": True,
            **values,
        },
    )


def load_follow_ups(demo: Demo) -> None:
    for data in outreach.FOLLOW_UPS:
        completed_on = data.get("completed_on")
        FollowUp.objects.get_or_create(
            owner=demo.owner,
            description=data["description"],
            defaults={
                "assignee": demo.staff,
                "due_on": data["due_on"],
                "status": FollowUp.Status.DONE if completed_on else FollowUp.Status.OPEN,
                "completed_on": completed_on,
                "meeting": demo.meetings.get(data.get("meeting_state")),
                "side_event": demo.side_event if data.get("side_event") else None,
                "campaign": demo.campaign,
                "state": demo.state(data.get("state")),
                "is_illustrative": True,
            },
        )
