"""The one search box: states, organizations, people, meetings and documents (their PDFs' text
included) found by any of their names, for one user, grouped by kind.

Every kind starts from its access policy's scope, so a user finds only what they may see. Fields
a policy hides from a reader (a meeting's confidential notes, from a partner) are searched and
shown only in the records whose hidden fields the reader may see, and a protected person is found
by their pseudonym only: their real name is sealed in another table, which no search reads.
States are found by any of their names in the six UN languages (unrecord/state_search.py), and
the people, missions, meetings and documents of the states a term names are found with them.
The SQL (accent folding, typos, snippets) is in desk/search_sql.py.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, TextField, Value, When
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils.safestring import SafeString

from advocacy.models import Meeting
from core.access import policy_for
from desk import search_sql as sql
from directory.access import organization_of
from directory.models import Organization, Person
from documents.models import Document
from unrecord.models import MemberState
from unrecord.state_names import shipped_state_names
from unrecord.state_search import states_matching

# How many of each kind a search shows; a search of one kind shows more.
PER_KIND = 8
PER_KIND_ALONE = 50


@dataclass(frozen=True)
class Hit:
    """One record found: its name, where it is read, a line about it, and a highlighted passage
    of its text (escaped, safe to show; empty when the name alone matched)."""

    title: str
    url: str
    detail: str = ""
    snippet: SafeString | str = ""


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    hits: tuple[Hit, ...]
    more: bool  # there are more than shown


@dataclass(frozen=True)
class Asked:
    """One search, as each kind's query needs it."""

    user: object
    term: str
    words: list[str]
    query: SearchQuery
    can: sql.Capabilities
    state_codes: frozenset[str]  # the states the term names, whole or by a word's start
    limit: int

    def named(self, name, text=None) -> Q:
        """Rows whose `text` (by default their `name`; a field or expression) has the words, or
        whose name nearly does (with pg_trgm: typos are forgiven in names, not in long texts)."""
        text = name if text is None else text
        found = sql.holds_words(text, self.words, self.can) & Q(sql.matches(text, self.query, self.can))
        if self.can.trigram:
            found |= Q(GreaterThanOrEqual(sql.likeness(self.words, name, self.can), sql.TYPO_SIMILARITY))
        return found

    def found(self, name, text, public: tuple[str, ...], with_hidden: tuple[str, ...], elsewhere: Q) -> Q:
        """As `named(name, text) | elsewhere`, where text is `public` and, for their owners only
        (every row, for a superuser), `with_hidden` too; by the search indexes where this database
        has them (core/search_index.py), each condition one an index answers, so that the rows
        are found without reading every row's text."""
        if not self.can.indexed:
            return self.named(name, text) | elsewhere
        words = Q(sql.indexed_match(public, self.query))
        if with_hidden:
            hidden_too = Q(sql.indexed_match(with_hidden, self.query))
            owners = hidden_too if self.user.is_superuser else Q(owner_id=organization_of(self.user))
            words = hidden_too if self.user.is_superuser else words | (owners & hidden_too)
        found = (sql.holds_words(text, self.words, self.can) & words) | elsewhere
        if self.can.trigram:
            similar = GreaterThanOrEqual(sql.likeness(self.words, name, self.can), sql.TYPO_SIMILARITY)
            found |= Q(sql.resembles(self.words, name, self.can)) & Q(similar)
        return found

    def first(self, rows: QuerySet, name) -> QuerySet:
        """`rows` best first: all words in the name, then the closest names; one more than shown."""
        in_name = Case(When(sql.matches(name, self.query, self.can), then=Value(1)), default=Value(0))
        closeness = sql.likeness(self.words, name, self.can)
        return rows.alias(in_name=in_name, closeness=closeness).order_by(
            "-in_name", "-closeness", *rows.query.order_by or rows.model._meta.ordering
        )[: self.limit + 1]


KINDS = {}  # kind -> (label, the function that finds it), in the order the page shows them


def kind(name: str, label: str):
    def register(find):
        KINDS[name] = (label, find)
        return find

    return register


def search(*, user, term: str, kinds: tuple[str, ...] = ()) -> tuple[Group, ...]:
    """What `user` may see that `term` names, by kind (all kinds unless `kinds` says which); one
    query per kind, two for meetings. `term` must have a word (desk/search_views.py checks)."""
    kinds = kinds or tuple(KINDS)
    words = sql.words_of(term)
    match = shipped_state_names().search(term)
    asked = Asked(
        user=user,
        term=term.strip(),
        words=words,
        query=sql.prefix_query(words),
        can=sql.capabilities(),
        state_codes=match.whole_name | match.word_start,
        limit=PER_KIND_ALONE if len(kinds) == 1 else PER_KIND,
    )
    return tuple(_group(name, asked) for name in KINDS if name in kinds)


def _group(name: str, asked: Asked) -> Group:
    label, find = KINDS[name]
    hits = find(asked)
    return Group(kind=name, label=label, hits=tuple(hits[: asked.limit]), more=len(hits) > asked.limit)


def _admin_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


@kind("states", "States")
def states(asked: Asked) -> list[Hit]:
    rows = states_matching(policy_for(MemberState).scope(asked.user), asked.term)
    rows = rows.only("pk", "iso3", "common_name", "un_name")[: asked.limit + 1]
    return [Hit(title=s.common_name, url=_admin_url(s), detail=f"{s.iso3} · {s.un_name}") for s in rows]


@kind("organizations", "Organizations")
def organizations(asked: Asked) -> list[Hit]:
    name = sql.joined("name", "acronym")
    rows = (
        policy_for(Organization)
        .scope(asked.user)
        .filter(asked.named(name) | Q(state__iso3__in=asked.state_codes))
    )
    rows = asked.first(
        rows.select_related("state").only("name", "acronym", "kind", "state__common_name"), name
    )
    return [Hit(title=str(o), url=_admin_url(o), detail=_organization_detail(o)) for o in rows]


def _organization_detail(organization) -> str:
    kind = organization.get_kind_display()
    return f"{kind} · {organization.state.common_name}" if organization.state else kind


@kind("people", "People")
def people(asked: Asked) -> list[Hit]:
    # `name` is the pseudonym of a protected person: their real name is in PersonIdentity, sealed.
    name = sql.joined("name", "title")
    rows = (
        policy_for(Person).scope(asked.user).filter(asked.named(name) | Q(state__iso3__in=asked.state_codes))
    )
    rows = rows.select_related("organization", "state").only(
        "name", "title", "category", "organization__name", "state__common_name"
    )
    return [Hit(title=p.name, url=_admin_url(p), detail=_person_detail(p)) for p in asked.first(rows, name)]


def _person_detail(person) -> str:
    parts = [
        person.title,
        person.organization and person.organization.name,
        person.state and person.state.common_name,
    ]
    return " · ".join(part for part in parts if part) or person.get_category_display()


MEETING_TEXT = ("place", "summary", "ask", "commitments")


@kind("meetings", "Meetings")
def meetings(asked: Asked) -> list[Hit]:
    text = sql.joined(
        *MEETING_TEXT, *(_unless_hidden(asked.user, Meeting, name) for name in _hidden(Meeting))
    )
    rows = (
        policy_for(Meeting)
        .scope(asked.user)
        .filter(_found_or_concerning_states(asked, Meeting, text, name="place", fields=MEETING_TEXT))
    )
    rows = (
        rows.annotate(snippet=sql.headline(text, asked.query))
        .only("date", "place")
        .prefetch_related(Prefetch("states", queryset=MemberState.objects.only("common_name")))
    )
    return [
        Hit(
            title=str(m),
            url=_admin_url(m),
            detail=", ".join(s.common_name for s in m.states.all()),
            snippet=sql.highlighted(m.snippet),
        )
        for m in asked.first(rows, "place")
    ]


def _found_or_concerning_states(asked: Asked, model, text, *, name: str, fields: tuple[str, ...]) -> Q:
    """The rows of `model` whose words match, or that concern a state the term names (through
    their `states`): by the search index where the database has one, else by reading them."""
    link = f"{model._meta.model_name}_id"
    concerned = model.states.through.objects.filter(memberstate__iso3__in=asked.state_codes)
    if not asked.can.indexed:
        return asked.named(name, text) | Q(Exists(concerned.filter(**{link: OuterRef("pk")})))
    elsewhere = Q(sql.any_of("pk", concerned.values(link)))
    hidden = _hidden(model)
    return asked.found(name, text, fields, (*fields, *hidden) if hidden else (), elsewhere)


def _hidden(model) -> tuple[str, ...]:
    return policy_for(model).hidden


def _unless_hidden(user, model, field: str):
    """`field` where the policy shows it to `user`, empty elsewhere. Owned records' hidden
    fields are their owners' alone (directory.access.OwnedPolicy.hidden_fields): the rows of
    the user's own organization, or every row for a superuser."""
    if user.is_superuser:
        return F(field)
    return Case(
        When(owner_id=organization_of(user), then=F(field)), default=Value(""), output_field=TextField()
    )


DOCUMENT_TEXT = ("title", "summary", "recipients_note", "extracted_text")


@kind("documents", "Documents")
def documents(asked: Asked) -> list[Hit]:
    text = sql.joined(
        *DOCUMENT_TEXT, *(_unless_hidden(asked.user, Document, name) for name in _hidden(Document))
    )
    rows = (
        policy_for(Document)
        .scope(asked.user)
        .filter(_found_or_concerning_states(asked, Document, text, name="title", fields=DOCUMENT_TEXT))
    )
    rows = rows.annotate(snippet=sql.headline(sql.joined("summary", "extracted_text"), asked.query))
    rows = rows.only("title", "kind", "dated")
    return [
        Hit(title=d.title, url=_admin_url(d), detail=_document_detail(d), snippet=sql.highlighted(d.snippet))
        for d in asked.first(rows, "title")
    ]


def _document_detail(document) -> str:
    kind = document.get_kind_display()
    return f"{kind} · {document.dated:%d %b %Y}" if document.dated else kind
