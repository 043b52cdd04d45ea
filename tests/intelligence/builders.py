"""Building a resolution series' record session by session, for the intelligence tests."""

import datetime

from tests import factories
from unrecord.models import RecordedVote


def plenary_day(session: int) -> datetime.date:
    """Mid-December of the session's year: the 69th session voted in December 2014."""
    return datetime.date(1945 + session, 12, 15)


def record_session(series, session: int, votes: dict[str, str], *, body: str = "GA", kind: str = "draft"):
    """A resolution of `series` in `session` and a roll call on it with `votes` ({iso3: choice})."""
    resolution = series.resolutions.filter(session__number=session).first() or factories.ResolutionFactory(
        series=series, session=factories.SessionFactory(number=session)
    )
    day = plenary_day(session) - datetime.timedelta(days=30 if body != "GA" else 0)
    event = factories.VoteEventFactory(resolution=resolution, body=factories.body(body), date=day, kind=kind)
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=event, state=factories.state(iso3), choice=choice)
        for iso3, choice in votes.items()
    )
    return event
