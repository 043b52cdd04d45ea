"""Look-alikes: records already stored that a record being added seems to repeat (a person typed
again with an accent missing, a letter entered twice), for the add form to warn of before it saves.

Each app declares, per model, a finder (its `duplicates.py`) that returns the look-alikes a user
may see, from the policy's scope: a protected person is compared and named by pseudonym only.
The admin asks `look_alikes` and lets the user save anyway (core/admin_words.py). Names are
compared folded: without accents, case or punctuation, words in any order, a typo allowed.
"""

import difflib
import unicodedata
from collections.abc import Callable, Mapping

from django.core.exceptions import ImproperlyConfigured

# (user, record: the unsaved record as the form set it, data: the form's cleaned values) -> records
Finder = Callable[..., list]

SIMILAR = 0.88  # of two folded names; "Kim Song" and "Kim Son" are 0.93, "Kim Song" and "Ri Song" 0.8
SHOWN = 5

_FINDERS: dict[type, Finder] = {}


def declare(model, finder: Finder) -> Finder:
    if model in _FINDERS:
        raise ImproperlyConfigured(f"{model._meta.label} has its look-alikes declared already.")
    _FINDERS[model] = finder
    return finder


def look_alikes(model, *, user, record, data: Mapping) -> list:
    """The stored records `record`, not yet saved, looks like (at most SHOWN); none for a model
    without a finder."""
    finder = _FINDERS.get(model)
    return finder(user=user, record=record, data=data)[:SHOWN] if finder else []


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().casefold()
    return "".join(c if c.isalnum() else " " for c in plain).split()


def fold(text: str) -> str:
    """`text` without accents, case or punctuation, its words sorted: "Müller-Ri, Jong" and
    "jong muller ri" fold alike."""
    return " ".join(sorted(_words(text)))


def similar(a: str, b: str) -> bool:
    """Alike once folded, words in any order ("Ri Chol" and "Chol Ri"), or written together
    ("Song-ae" and "Songae"), a typo allowed."""
    if not _words(a) or not _words(b):
        return False
    pairs = [(fold(a), fold(b)), ("".join(_words(a)), "".join(_words(b)))]
    return any(x == y or difflib.SequenceMatcher(None, x, y).ratio() >= SIMILAR for x, y in pairs)


def alike_by_name(records, name: str, *, attribute: str = "name") -> list:
    """Those of `records` whose `attribute` is similar to `name`."""
    return [record for record in records if similar(getattr(record, attribute), name)]
