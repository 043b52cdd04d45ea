"""The search page, /desk/search/?q=, in the admin's look: the form that checks what was typed
(the API's search checks it with the same form), and the page that shows what desk/search.py
found for the user."""

from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from desk import search
from desk.search_sql import words_of


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=200,
        error_messages={"required": "Type a name or a word to search for."},
    )
    kind = forms.MultipleChoiceField(
        required=False,
        choices=[(name, label) for name, (label, _find) in search.KINDS.items()],
        error_messages={
            "invalid_choice": "%(value)s is not a kind of record to search: use "
            + ", ".join(search.KINDS)
            + "."
        },
    )

    def clean_q(self) -> str:
        term = self.cleaned_data["q"].strip()
        if not words_of(term):
            raise forms.ValidationError("Type a name or a word to search for: letters or digits.")
        return term

    def results(self, user) -> tuple[search.Group, ...]:
        """What the valid form's term finds for `user`."""
        return search.search(user=user, term=self.cleaned_data["q"], kinds=tuple(self.cleaned_data["kind"]))


@require_GET
@login_required
def search_page(request):
    form = SearchForm(request.GET)
    asked = "q" in request.GET
    groups = form.results(request.user) if asked and form.is_valid() else ()
    context = {
        **admin.site.each_context(request),
        "title": f"Search: {form.cleaned_data['q']}" if groups else "Search",
        "form": form,
        "asked": asked,
        "groups": groups,
        "found": sum(len(group.hits) for group in groups),
    }
    return render(request, "desk/search.html", context, status=400 if asked and not form.is_valid() else 200)
