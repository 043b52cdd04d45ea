"""What the admin's meeting form hands its one service (advocacy.services.record_meeting): the
meeting's fields, the stances said at it and the follow-ups agreed, read from the form and its
inline rows, and the defaults that make logging a meeting quick."""

import datetime

from django.utils import timezone

from advocacy.models import FollowUp, Meeting, Stance
from core.access import policy_for
from core.admin import _form_data


def a_week_on() -> datetime.date:
    """A follow-up's due date until someone says otherwise."""
    return timezone.localdate() + datetime.timedelta(days=7)


def meeting_entry(request, form, formsets) -> dict:
    """record_meeting's `data`, `stances` and `follow_ups` from a valid meeting form and the
    formsets of its inlines (after their save(commit=False), which sorts their rows)."""
    by_model = {formset.model: formset for formset in formsets}
    return {
        "data": _form_data(form, Meeting),
        "stances": _stances_said(request.user, by_model.get(Stance)),
        "follow_ups": _follow_ups_agreed(by_model.get(FollowUp)),
    }


def _stances_said(user, formset) -> list[dict] | None:
    """Every row the form keeps, the service making the meeting's stances exactly those; None
    (the stances stay as they are) where the form cannot change them."""
    if formset is None or not policy_for(Stance).may(user, "change"):
        return None
    return [
        _fields(form, formset)
        for form in formset.forms
        if form not in formset.deleted_forms and (form.instance.pk is not None or form.has_changed())
    ]


def _follow_ups_agreed(formset) -> list[dict]:
    """The rows added, changed or deleted; a row left as it was, or an extra row left with its
    defaults, is not one of them."""
    if formset is None:
        return []
    entries = []
    for form in formset.forms:
        if form in formset.deleted_forms:
            if form.instance.pk is not None:
                entries.append({"follow_up": form.instance, "delete": True})
        elif form.has_changed():
            entries.append({**_fields(form, formset), "follow_up": form.instance})
    return entries


def _fields(form, formset) -> dict:
    # The meeting itself is the service's to set on the row.
    return {name: value for name, value in _form_data(form, formset.model).items() if name != formset.fk.name}
