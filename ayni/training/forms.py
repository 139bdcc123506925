from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.training.models import InPersonSession, TrainingRequirement


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ScenarioForm(ServiceFormMixin, forms.Form):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=5000,
                           help_text=_("Only you can read it. Write what you would say, then compare."))


class TalkForm(ServiceFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Anything you want to add (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A coordinator will get in touch. You do not need to explain anything here."),
    )


class RequirementForm(ServiceFormMixin, forms.Form):
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses a supporter must pass before being matched"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    background_check = forms.ChoiceField(
        label=_("Background check"), choices=TrainingRequirement.BackgroundCheckPolicy.choices,
        widget=forms.RadioSelect,
    )
    renewal_months = forms.IntegerField(
        label=_("Renew certification every (months)"), min_value=1, max_value=60,
        help_text=_("12 months is the usual period."),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = courses


class BackgroundCheckForm(ServiceFormMixin, forms.Form):
    membership = forms.TypedChoiceField(label=_("Supporter"), coerce=int)
    checked_on = forms.DateField(label=_("Date of the check"), widget=DateInput())
    expires_on = forms.DateField(label=_("Valid until (optional)"), required=False, widget=DateInput(),
                                 help_text=_("Leave empty if it does not expire."))

    def __init__(self, *args, supporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [("", "—")] + [
            (m.pk, m.user.display_name or m.user.email) for m in supporters
        ]


class SessionForm(ServiceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InPersonSession.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal("24"),
                               decimal_places=1, max_digits=4)
    attendees = forms.TypedMultipleChoiceField(
        label=_("Who attended"), coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone ticked gets the session's hours, unless you give someone fewer below."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        self.fields["attendees"].choices = [(m.pk, m.user.display_name or m.user.email) for m in self.members]

    def hour_inputs(self) -> list[tuple[object, str, str]]:
        """(membership, input name, value typed) for the per-person hours of the page."""
        return [(m, f"hours-{m.pk}", self.data.get(f"hours-{m.pk}", "") if self.is_bound else "")
                for m in self.members]

    def clean(self):
        cleaned = super().clean()
        hours, attendance = cleaned.get("hours"), {}
        for membership_id in cleaned.get("attendees") or []:
            typed = (self.data.get(f"hours-{membership_id}") or "").strip().replace(",", ".")
            try:
                attendance[membership_id] = Decimal(typed) if typed else hours
            except InvalidOperation:
                self.add_error("attendees", _("Each person's hours must be a number, for example 1.5."))
                break
        cleaned["attendance"] = attendance
        return cleaned


class DebriefGroupForm(ServiceFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, initial=_("Supervision group"))
    schedule = forms.CharField(label=_("When it meets"), max_length=200, required=False,
                               help_text=_("For example: the first Thursday of each month at 19:00, online."))
    members = forms.TypedMultipleChoiceField(
        label=_("Supporters in the group"), coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text=_("They join the group's circle at once: its meetings, attendance and conversation."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(m.pk, m.user.display_name or m.user.email) for m in members]


class CourseForm(ServiceFormMixin, forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    summary_es = forms.CharField(label=_("Summary (Spanish)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    summary_en = forms.CharField(label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ModuleForm(CourseForm):
    estimated_minutes = forms.IntegerField(label=_("Estimated minutes"), min_value=1, max_value=600, initial=15)
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100, initial=80)
    quiz_toml = forms.CharField(
        label=_("Quiz (optional, in the curriculum's TOML format)"), required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_("Without a quiz, people complete the module by marking its lessons as read. "
                    "See docs/curriculum.md for the format."),
    )
    scenarios_toml = forms.CharField(
        label=_("Practice scenarios (optional, in the curriculum's TOML format)"), required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_("Short situations with a model answer and a checklist: [[scenarios]] with key, "
                    "situation, task, model_answer and checklist, each text in Spanish and English."),
    )


class LessonForm(ServiceFormMixin, forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    body_es = forms.CharField(label=_("Text in Markdown (Spanish)"), widget=forms.Textarea(attrs={"rows": 10}))
    body_en = forms.CharField(label=_("Text in Markdown (English)"), widget=forms.Textarea(attrs={"rows": 10}))


class RecordCertificationForm(ServiceFormMixin, forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    certified_on = forms.DateField(label=_("Passed on"), widget=DateInput())
    people = forms.TypedMultipleChoiceField(
        label=_("Who passed it"), coerce=int, widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, courses, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["people"].choices = [(m.pk, m.user.display_name or m.user.email) for m in members]
