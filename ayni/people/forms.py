from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.people import domain
from ayni.people.models import AGE_BAND_CHOICES, Gender, MeetingMode, Visibility

COMMON_LANGUAGES = [
    ("es", _("Spanish")), ("en", _("English")), ("qu", _("Quechua")), ("ay", _("Aymara")),
    ("gn", _("Guarani")), ("ca", _("Catalan")), ("eu", _("Basque")), ("gl", _("Galician")),
    ("pt", _("Portuguese")), ("fr", _("French")), ("ar", _("Arabic")), ("ro", _("Romanian")),
    ("uk", _("Ukrainian")), ("zh", _("Chinese")),
]
DAY_LABELS = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
PART_LABELS = [_("Morning"), _("Afternoon"), _("Evening")]


def slot_label(slot: str) -> str:
    day, part = slot.split("-")
    return f"{DAY_LABELS[domain.DAYS.index(day)]} · {PART_LABELS[domain.PARTS.index(part)]}"


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class ProfileForm(ServiceFormMixin, forms.Form):
    languages = forms.MultipleChoiceField(label=_("Languages you speak"), choices=COMMON_LANGUAGES,
                                          widget=forms.CheckboxSelectMultiple, required=False)
    other_languages = forms.CharField(label=_("Other languages (codes)"), required=False, max_length=60,
                                      help_text=_("Two- or three-letter codes separated by commas, for example: it, de."))
    meeting_mode = forms.ChoiceField(label=_("How you can meet"), choices=MeetingMode.choices, widget=forms.RadioSelect)
    city = forms.CharField(label=_("City or town"), max_length=80, required=False)
    area = forms.CharField(label=_("Area or neighbourhood (optional)"), max_length=80, required=False)
    availability = forms.MultipleChoiceField(label=_("When you are usually free"),
                                             choices=[(slot, slot_label(slot)) for slot in domain.SLOTS],
                                             widget=forms.CheckboxSelectMultiple, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                    help_text=_("Only coordinators see it. It tells us whether you are a minor, which changes who you can be matched with."))
    age_band = forms.ChoiceField(label=_("Or your age range"), choices=[("", _("Prefer the exact date")), *AGE_BAND_CHOICES], required=False)
    gender = forms.ChoiceField(label=_("Gender (optional)"), choices=[("", _("Prefer not to say")), *Gender.choices], required=False,
                               help_text=_("Only used when someone asks for a supporter of the same gender."))

    def clean(self):
        cleaned = super().clean()
        other = [code.strip().lower() for code in (cleaned.get("other_languages") or "").replace(";", ",").split(",") if code.strip()]
        cleaned["languages"] = list(cleaned.get("languages") or []) + other
        return cleaned


class ExperienceForm(ServiceFormMixin, forms.Form):
    topic = forms.ChoiceField(label=_("Topic"))
    story = forms.CharField(label=_("Your experience, in your own words"), widget=forms.Textarea, max_length=2000,
                            help_text=_("What you went through and what helped. Someone in that situation now will read it if you are matched."))
    started_on = MonthField(label=_("When it started (month and year)"), required=False)
    ended_on = MonthField(label=_("When it ended"), required=False, help_text=_("Leave empty if it is still part of your life."))
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices, widget=forms.RadioSelect, initial=Visibility.PRIVATE)
    sensitive_consent = forms.BooleanField(
        label=_("I agree that Ayni stores this experience. I understand it may concern my health, a trauma, an addiction or my identity, and I can delete it at any time."),
        required=False)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Choose a topic"))] + [
            (str(topic.pk), f"{topic.name} ✱" if topic.is_sensitive else topic.name) for topic in topics]


class NeedForm(ServiceFormMixin, forms.Form):
    topic = forms.ChoiceField(label=_("Topic"))
    note = forms.CharField(label=_("A few words about your situation (optional)"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000, required=False,
                           help_text=_("Only coordinators and the people you are matched with can read it."))
    sensitive_consent = forms.BooleanField(label=_("I agree that Ayni stores this. I understand it may concern my health, a trauma, an addiction or my identity."), required=False)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Choose a topic"))] + [
            (str(topic.pk), f"{topic.name} ✱" if topic.is_sensitive else topic.name) for topic in topics]


class SupporterSettingsForm(ServiceFormMixin, forms.Form):
    capacity = forms.IntegerField(label=_("How many people can you support at the same time?"), min_value=0, max_value=20)
    away_until = forms.DateField(label=_("Away until (optional)"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 help_text=_("No new people will be proposed to you until this date."))
