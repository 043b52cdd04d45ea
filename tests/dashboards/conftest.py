"""Fixtures of the dashboard tests: the demo campaign and a manager of the NGO that runs it."""

import pytest
from django.core.cache import cache

from campaigns.models import Campaign
from demo.loader import load_demo
from directory.models import User
from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Figures intelligence caches for the day must not carry from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_campaign(db) -> Campaign:
    load_demo()
    return Campaign.objects.get()


@pytest.fixture
def demo_manager(demo_campaign) -> User:
    return factories.UserFactory(
        username="nkhr-manager", organization=demo_campaign.owner, role=User.Role.MANAGER
    )


@pytest.fixture
def manager_client(client, demo_manager):
    client.force_login(demo_manager)
    return client


def section(html: str, heading_id: str) -> str:
    """The HTML of the section labelled by the heading `heading_id`, up to the next heading of the
    same level or higher: enough to tell where on the page a figure is."""
    start = html.index(f'id="{heading_id}"')
    level = html[html.rindex("<h", 0, start) + 2]
    ends = [html.find(f"<h{n} ", start + 1) for n in range(1, int(level) + 1)]
    ends = [end for end in ends if end != -1]
    return html[start : min(ends) if ends else len(html)]
