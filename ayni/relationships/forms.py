from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.relationships.models import (
    Attainment,
    CheckIn,
    ExitSurvey,
    Feeling,
    Frequency,
    Relationship,
    Session,
)


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class AcknowledgeForm(ServiceFormMixin, forms.Form):
    frequency = forms.ChoiceField(label=_("How often do you plan to meet?"), choices=Frequency.choices)
    session_minutes = forms.IntegerField(label=_("How long will each meeting last (minutes)?"), min_value=10,
                                         max_value=240, initial=60)
    planned_months = forms.IntegerField(label=_("For how many months do you plan to meet?"), min_value=1,
                                        max_value=24, initial=3)
    expectations = forms.CharField(label=_("What do you expect from this relationship? (optional)"),
                                   widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    agree = forms.BooleanField(label=_("I have read the agreement and I accept it, including the limits of confidentiality."))


class PauseForm(ServiceFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why pause? (optional)"), required=False, max_length=500)


class ClosingForm(ServiceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("How is it ending?"), choices=Relationship.ClosureKind.choices,
                             widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(ServiceFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)
    planned_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=5, max_value=480, initial=60)
    place = forms.CharField(label=_("Place"), required=False, max_length=200,
                            help_text=_("Where you will meet in person, or leave it empty for an online session."))
    online_link = forms.CharField(label=_("Online link"), required=False, max_length=500,
                                  help_text=_("A video call address, for example https://meet.jit.si/…"))

    def starts_at(self):
        naive = datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive, timezone.get_current_timezone())


class LogForm(ServiceFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600, initial=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    shared_notes = forms.CharField(label=_("Notes for both of you"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("The other person sees these. Coordinators do not."))
    private_notes = forms.CharField(label=_("Private notes"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text=_("Only you ever see these."))


class FeedbackForm(ServiceFormMixin, forms.Form):
    usefulness = forms.TypedChoiceField(label=_("How useful was the session?"), coerce=int,
                                        choices=[(n, str(n)) for n in range(1, 6)], widget=forms.RadioSelect,
                                        help_text=_("1 is not useful, 5 is very useful."))
    feeling = forms.ChoiceField(label=_("How do you feel?"), choices=Feeling.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class GoalForm(ServiceFormMixin, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(label=_("Description (optional)"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    milestones = forms.CharField(label=_("Milestones (optional, one per line)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def milestone_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("milestones", "").splitlines() if line.strip()][:20]


class ProgressForm(ServiceFormMixin, forms.Form):
    text = forms.CharField(label=_("What changed?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class MilestoneForm(ServiceFormMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("By when (optional)"), required=False, widget=DateInput)


class CheckInForm(ServiceFormMixin, forms.Form):
    answer = forms.ChoiceField(label=_("How is it going?"), choices=CheckIn.Answer.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Anything to add? (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Your coordinator reads your answer, so they can help if needed."))


class ExitSurveyForm(ServiceFormMixin, forms.Form):
    helped = forms.CharField(label=_("What helped?"), required=False, max_length=3000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    did_not_help = forms.CharField(label=_("What did not help?"), required=False, max_length=3000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    would_continue = forms.ChoiceField(label=_("Would you continue if you could?"),
                                       choices=ExitSurvey.Continue.choices, widget=forms.RadioSelect)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=_("How far did you reach “%(goal)s”?") % {"goal": goal.title}, coerce=int,
                choices=Attainment.choices, widget=forms.RadioSelect)

    def goal_ratings(self) -> dict[str, int]:
        return {str(goal.pk): self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}


class RematchForm(ServiceFormMixin, forms.Form):
    supporter = forms.TypedChoiceField(label=_("New supporter"), coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, supporters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].choices = [(m.pk, m.user.display_name) for m in supporters]


class AgreementTemplateForm(ServiceFormMixin, forms.Form):
    text_es = forms.CharField(label=_("Agreement (Spanish)"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}))
    text_en = forms.CharField(label=_("Agreement (English)"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}))


class MonitoringForm(ServiceFormMixin, forms.Form):
    first_contact_hours = forms.IntegerField(label=_("First check-in after (hours)"), min_value=1, max_value=720)
    first_month_check_ins = forms.IntegerField(label=_("Check-ins in the first month"), min_value=0, max_value=8)
    then_every_days = forms.IntegerField(label=_("Then one check-in every (days)"), min_value=7, max_value=180)
    inactivity_reminder_days = forms.IntegerField(label=_("Remind both after days without a session"),
                                                  min_value=3, max_value=180)
    inactivity_alert_days = forms.IntegerField(label=_("Alert the coordinators after days without a session"),
                                               min_value=3, max_value=365)
