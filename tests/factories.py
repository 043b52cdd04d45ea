"""factory_boy factories for Plenary's models. Member states come from the shipped reference
data (loaded by migration), so factories look them up rather than invent them."""

import datetime

import factory
from django.utils import timezone

from advocacy.models import FollowUp, Meeting, SideEvent, Stance
from campaigns.models import Campaign, Target
from campaigns.selectors import latest_resolution
from directory.models import Organization, Partnership, Person, PersonIdentity, User
from documents.models import Document
from unrecord.models import Body, MemberState, RecordedVote, Resolution, Session, VoteEvent


def state(iso3: str) -> MemberState:
    return MemberState.objects.get(iso3=iso3)


def body(code: str) -> Body:
    return Body.objects.get(code=code)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.NGO


class PartnershipFactory(factory.django.DjangoModelFactory):
    """An accepted partnership (a proposal its partner's manager accepted)."""

    class Meta:
        model = Partnership

    proposer = factory.SubFactory(OrganizationFactory)
    partner = factory.SubFactory(OrganizationFactory)
    status = Partnership.Status.ACTIVE
    accepted_at = factory.LazyFunction(timezone.now)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    organization = factory.SubFactory(OrganizationFactory)
    role = User.Role.STAFF
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    category = Person.Category.NGO_STAFF


class ProtectedPersonFactory(PersonFactory):
    class Meta:
        skip_postgeneration_save = True  # the identity is saved by its own factory

    name = factory.Sequence(lambda n: f"Witness {n}")
    category = Person.Category.WITNESS
    is_protected = True
    protected_by = factory.SubFactory(OrganizationFactory)
    recorded_by = factory.SelfAttribute("protected_by")
    identity = factory.RelatedFactory(
        "tests.factories.PersonIdentityFactory",
        factory_related_name="person",
        owner=factory.SelfAttribute("..protected_by"),
    )


class PersonIdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonIdentity

    person = factory.SubFactory(ProtectedPersonFactory)
    real_name = factory.Sequence(lambda n: f"Real Name {n}")
    owner = factory.SubFactory(OrganizationFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        django_get_or_create = ("body", "number")

    body = factory.LazyFunction(lambda: body("GA"))
    number = 69


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    draft_symbol = factory.Sequence(lambda n: f"A/C.3/69/L.{n + 100}")
    title = "Situation of human rights in the Democratic People's Republic of Korea"
    session = factory.SubFactory(SessionFactory)
    body = factory.LazyFunction(lambda: body("GA-C3"))


class VoteEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoteEvent

    resolution = factory.SubFactory(ResolutionFactory)
    body = factory.LazyFunction(lambda: body("GA"))
    session = factory.SelfAttribute("resolution.session")
    date = datetime.date(2014, 12, 18)
    result = VoteEvent.Result.ADOPTED


class RecordedVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordedVote

    vote_event = factory.SubFactory(VoteEventFactory)
    state = factory.LazyFunction(lambda: state("JPN"))
    choice = "Y"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    owner = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Campaign {n}")
    goal = "A strong resolution."
    starts_on = datetime.date(2014, 9, 1)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    campaign = factory.SubFactory(CampaignFactory)
    state = factory.LazyFunction(lambda: state("BWA"))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    owner = factory.SubFactory(OrganizationFactory)
    date = datetime.date(2014, 10, 23)
    place = "Permanent Mission, New York"


class SideEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SideEvent

    owner = factory.SubFactory(OrganizationFactory)
    title = "Side event"
    date = datetime.date(2014, 10, 22)
    location = SideEvent.Location.PALAIS_DES_NATIONS


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    owner = factory.SubFactory(OrganizationFactory)
    assignee = factory.SubFactory(UserFactory, organization=factory.SelfAttribute("..owner"))
    description = "Send the COI summary"
    due_on = datetime.date(2014, 11, 1)


class StanceFactory(factory.django.DjangoModelFactory):
    """A stance of an organization on a resolution or series. Given `campaign`, it is the
    campaign's organization's, on the campaign's series (else its latest resolution; a campaign
    with neither is given a resolution first), so that the campaign sees it."""

    class Meta:
        model = Stance

    class Params:
        campaign = None

    owner = factory.LazyAttribute(lambda o: o.campaign.owner if o.campaign else OrganizationFactory())
    state = factory.LazyFunction(lambda: state("BWA"))
    resolution = factory.LazyAttribute(lambda o: _resolution_of(o.campaign))
    series = factory.LazyAttribute(lambda o: o.campaign.series if o.campaign and not o.resolution else None)
    position = Stance._meta.get_field("position").choices[0][0]
    as_of = datetime.date(2014, 10, 1)
    evidence = Stance.Evidence.JUDGEMENT


def _resolution_of(campaign) -> Resolution | None:
    """None when the stance is on the campaign's series."""
    if campaign is None:
        return ResolutionFactory()
    if campaign.series_id is not None:
        return None
    resolution = latest_resolution(campaign)
    if resolution is None:
        resolution = ResolutionFactory()
        campaign.resolutions.add(resolution)
    return resolution


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    owner = factory.SubFactory(OrganizationFactory)
    kind = Document.Kind.REPORT
    title = factory.Sequence(lambda n: f"Report {n}")
    url = "https://example.org/report"


class ResolutionSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "unrecord.ResolutionSeries"

    name = factory.Sequence(lambda n: f"Situation of human rights in country {n}")
    title_key = factory.Sequence(lambda n: f"country human rights situation {n}")


class ThresholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.Threshold"

    campaign = factory.SubFactory(CampaignFactory)
    kind = "min_yes"
    value = 100
    resolution = factory.SubFactory(ResolutionFactory)
