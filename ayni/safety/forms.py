from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.safety.models import Alert, CrisisResource, Report, SafetySettings


class HelpForm(ServiceFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What is happening?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only the community's coordinators read this. Write in your own words, in Spanish or English."),
    )


class ReferForm(ServiceFormMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("How urgent is it?"), widget=forms.RadioSelect,
        choices=[(Alert.Level.URGENT, _("Urgent: they may be in danger now")),
                 (Alert.Level.CONCERN, _("A concern: a coordinator should look at it today"))],
        initial=Alert.Level.URGENT,
    )
    note = forms.CharField(
        label=_("What is happening, and what have you said so far?"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Facts, briefly: what they wrote or said, when, and whether they are alone."),
    )
    told_person = forms.BooleanField(
        label=_("I have told them that I am asking a coordinator for help"), required=False,
    )


class AlertActionForm(ServiceFormMixin, forms.Form):
    text = forms.CharField(label=_("What did you do?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AlertCloseForm(ServiceFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Alert.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Anything to add (optional)"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ResourceForm(ServiceFormMixin, forms.ModelForm):
    web = forms.URLField(label=_("web"), required=False, assume_scheme="https")

    class Meta:
        model = CrisisResource
        fields = ["country", "name_es", "name_en", "description_es", "description_en", "phone", "text_line",
                  "web", "hours_es", "hours_en", "is_emergency", "position", "is_active"]


class SafetySettingsForm(ServiceFormMixin, forms.ModelForm):
    class Meta:
        model = SafetySettings
        fields = ["escalation_minutes", "age_of_majority", "parental_consent_required",
                  "parental_consent_below_age", "message_retention_days"]


class ReportForm(ServiceFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting this?"), choices=Report.Reason.choices,
                               widget=forms.RadioSelect)
    details = forms.CharField(label=_("What happened? (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    also_block = forms.BooleanField(label=_("Also block this person"), required=False)


class ModerationForm(ServiceFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=Report.Action.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a warning or a suspension, the person reads this. It stays in the record."),
    )


class ParentalConsentForm(ServiceFormMixin, forms.Form):
    guardian_name = forms.CharField(label=_("Parent or guardian"), max_length=120)
    guardian_contact = forms.CharField(label=_("How to reach them (optional)"), max_length=160, required=False)
    method = forms.CharField(label=_("How consent was given"), max_length=160,
                             help_text=_("For example: signed form kept at the school office."))
    given_on = forms.DateField(label=_("Date of consent"), widget=forms.DateInput(attrs={"type": "date"}))


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone"))


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Six digits, or one of your recovery codes."),
    )
