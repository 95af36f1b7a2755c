"""What every public form shares (participation, alerts)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublicForm(forms.Form):
    """A public form: who writes, and the honeypot (hidden from people by CSS and
    aria-hidden, filled by naive robots)."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    nickname = forms.CharField(required=False, label=_("Leave this empty"))

    @property
    def is_spam(self):
        return bool(self.data.get("nickname"))
