"""Loads the documents: letters with their signatories, the press release, coverage, NKHR's accounts."""

from demo.dataset import documents
from demo.loader.context import Demo
from documents.models import Document, Signature
from unrecord.models import MemberState


def load_documents(demo: Demo) -> None:
    for data in documents.DOCUMENTS:
        document, _ = Document.objects.get_or_create(
            owner=demo.owner,
            kind=data["kind"],
            title=data["title"],
            defaults={
                "dated": data["dated"],
                "summary": data["summary"],
                "publisher": demo.organization(data.get("publisher")),
                "recipients_note": data.get("recipients_note", ""),
                "shared_with_partners": True,
            },
        )
        _address(demo, document, data)
        _sign(demo, document, data.get("signatures", []))
        _link(demo, document, data["links"])


def _address(demo: Demo, document: Document, data: dict) -> None:
    document.recipient_people.add(*(demo.people[handle] for handle in data.get("recipient_people", [])))
    document.recipient_organizations.add(
        *(demo.organizations[handle] for handle in data.get("recipient_organizations", []))
    )
    if data.get("recipient_states") == "all members":
        document.recipient_states.add(*MemberState.objects.members_on(document.dated))


def _sign(demo: Demo, document: Document, signatures: list[tuple]) -> None:
    for order, (person, organization, capacity) in enumerate(signatures, start=1):
        Signature.objects.get_or_create(
            document=document,
            order=order,
            defaults={
                "person": demo.person(person),
                "organization": demo.organization(organization),
                "capacity": capacity,
            },
        )


def _link(demo: Demo, document: Document, links: dict) -> None:
    if links.get("campaign"):
        document.campaigns.add(demo.campaign)
    if links.get("resolution"):
        document.resolutions.add(demo.resolution)
    if links.get("side_event"):
        document.side_events.add(demo.side_event)
    document.meetings.add(*(demo.meetings[key] for key in links.get("meetings", [])))
    document.states.add(*(demo.states[code] for code in links.get("states", [])))
