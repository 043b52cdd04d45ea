"""The dashboards' query strings as forms: a bad value is a 400 naming the field, never a 500."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from campaigns.models import Target
from core.dates import ISO_DATE
from dashboards.legend import MODES
from dashboards.panels import Filters

# The days the dashboards can look back from: the UN's first day, and a bound far enough ahead
# that the figures' date arithmetic (a window of days around it) stays inside the calendar.
FIRST_DAY = datetime.date(1945, 10, 24)
LAST_DAY = datetime.date(2999, 12, 31)


class AsOfForm(forms.Form):
    """A day to look back from (by default today): what was known then."""

    as_of = forms.DateField(
        label="As of",
        required=False,
        # ISO 8601 only, whatever the language: a link means the same day to whoever opens it.
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
    )

    def as_of_day(self, *, today: datetime.date) -> datetime.date:
        return self.cleaned_data["as_of"] or today


class CampaignFilterForm(AsOfForm):
    group = forms.ChoiceField(label="Regional group", required=False)
    priority = forms.TypedChoiceField(
        label="Priority",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "All states")]
        + [(value, f"{label} priority targets") for value, label in Target.Priority.choices],
    )
    colour = forms.ChoiceField(
        label="Colour the map by",
        required=False,
        choices=[(key, mode.label) for key, mode in MODES.items()],
        widget=forms.RadioSelect,
    )

    field_order = ["colour", "group", "priority", "as_of"]

    def __init__(self, data, *, groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].choices = [("", "All groups")] + [(g.code, g.name) for g in groups]

    def filters(self, *, as_of: datetime.date, default_colour: str) -> Filters:
        data = self.cleaned_data
        return Filters(
            as_of=as_of,
            colour=data["colour"] or default_colour,
            group=data["group"] or None,
            priority=data["priority"],
            explicit_as_of=data["as_of"] is not None,
        )
