from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PublicForm

from .models import Subscription


class FollowForm(PublicForm):
    """Follow a search or a practice by e-mail: an address, how often, consent."""

    name = None  # (no name needed)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_(
        "We first send you a link to confirm; nothing else is sent before you click it."))
    frequency = forms.ChoiceField(label=_("How often"), choices=Subscription.FREQUENCIES,
                                  initial=Subscription.WEEKLY, widget=forms.RadioSelect)
    consent = forms.BooleanField(label=_(
        "I agree that the programme keeps my e-mail address to send me this alert until I "
        "unsubscribe (one click, in every e-mail)."))
