from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.circles.models import DEFAULT_MAX_SIZE, DEFAULT_MIN_SIZE
from ayni.communities.models import Membership


class CircleForm(ServiceFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False, empty_label=_("No single topic"))
    language = forms.ChoiceField(label=_("Language"), choices=[("es", _("Spanish")), ("en", _("English"))])
    description = forms.CharField(label=_("What the circle is about"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False, max_length=2000)
    schedule = forms.CharField(label=_("When it meets"), max_length=200, required=False,
                               help_text=_("For example: every other Tuesday at 19:00, online."))
    min_size = forms.IntegerField(label=_("Smallest size"), initial=DEFAULT_MIN_SIZE, min_value=2, max_value=30)
    max_size = forms.IntegerField(label=_("Largest size"), initial=DEFAULT_MAX_SIZE, min_value=2, max_value=30)
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators (one or two)"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Trained supporters of this community."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = community.topics.filter(is_archived=False)
        self.fields["facilitators"].queryset = Membership.objects.filter(
            community=community, status=Membership.Status.ACTIVE, is_supporter=True).select_related("user")
        self.fields["facilitators"].label_from_instance = lambda membership: membership.user.display_name

    def clean(self):
        data = super().clean()
        if data.get("min_size") and data.get("max_size") and data["max_size"] < data["min_size"]:
            self.add_error("max_size", _("The largest size cannot be smaller than the smallest."))
        return data


class MeetingForm(ServiceFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Date and time"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Place or online link"), max_length=300, required=False)
    notes = forms.CharField(label=_("Notes for the circle"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                            max_length=2000)


class JoinForm(ServiceFormMixin, forms.Form):
    message = forms.CharField(label=_("A few words for the facilitators (optional)"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
