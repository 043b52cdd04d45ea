"""The forms of the two-factor pages: a code, checked against a device or an app being set up."""

from django import forms
from unfold.widgets import BASE_INPUT_CLASSES

from directory.two_factor import rules


def _code_field(label: str, help_text: str = "") -> forms.CharField:
    attrs = {
        "class": " ".join(BASE_INPUT_CLASSES),
        "autocomplete": "one-time-code",
        "autofocus": "",
        "spellcheck": "false",
    }
    return forms.CharField(
        label=label,
        max_length=32,
        help_text=help_text,
        widget=forms.TextInput(attrs),
        error_messages={"required": rules.ENTER_A_CODE},
    )


class CodeForm(forms.Form):
    """A code of the user's authenticator app, or one of their recovery codes (used up)."""

    code = _code_field(
        "Code", "The 6-digit code your authenticator app shows, or one of your recovery codes."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        try:
            self.device = rules.verify_code(self.user, self.cleaned_data["code"])
        except rules.CodeRefused as refused:
            raise forms.ValidationError(str(refused), code="refused") from None
        return self.cleaned_data["code"]


class SetupForm(forms.Form):
    """The first code of an app being set up: it proves the app holds the secret."""

    code = _code_field("Code from the app", "The 6-digit code the app now shows for Plenary.")

    def __init__(self, *args, key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.key = key
        self.step = None

    def clean_code(self):
        self.step = rules.code_matches_key(self.key, self.cleaned_data["code"])
        if self.step is None:
            raise forms.ValidationError(
                "That is not the app's current code: check that it was set up with this page's "
                "QR code or key, and that the phone's clock is right.",
                code="wrong",
            )
        return self.cleaned_data["code"]
