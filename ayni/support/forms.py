from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.people.forms import COMMON_LANGUAGES
from ayni.people.models import MeetingMode
from ayni.support.models import SupportKind, SupportRequest, SupportSettings


class RequestForm(ServiceFormMixin, forms.Form):
    kinds = forms.MultipleChoiceField(label=_("What kind of support are you looking for?"),
                                      choices=SupportKind.choices, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Choose one or more."))
    topics = forms.MultipleChoiceField(label=_("Topics"), widget=forms.CheckboxSelectMultiple)
    situation = forms.CharField(
        label=_("Your situation, in your own words"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only the coordinators and the person you are matched with read it. Write what you are "
                    "comfortable sharing."))
    language = forms.ChoiceField(label=_("Preferred language"), choices=COMMON_LANGUAGES)
    mode = forms.ChoiceField(label=_("How would you like to meet?"), choices=MeetingMode.choices,
                             widget=forms.RadioSelect)
    urgency = forms.ChoiceField(label=_("How soon?"), choices=SupportRequest.Urgency.choices,
                                widget=forms.RadioSelect)
    prefer_similar_age = forms.BooleanField(label=_("I would prefer someone of a similar age"), required=False)
    prefer_same_gender = forms.BooleanField(label=_("I would prefer someone of my gender"), required=False)
    choice = forms.ChoiceField(label=_("How do you want to find someone?"), choices=SupportRequest.Choice.choices,
                               widget=forms.RadioSelect)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = [(str(topic.pk), topic.name) for topic in topics]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why? Only the coordinators will read this."), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("What would you like to know before deciding?"), max_length=1000,
                               widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class SettingsForm(ServiceFormMixin, forms.ModelForm):
    class Meta:
        model = SupportSettings
        fields = ["proposal_expiry_days", "avoid_same_group", "avoid_reporting_line", "suggestions_shown"]
