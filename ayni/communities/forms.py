from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin
from ayni.communities.models import Community, Membership


class LanguageCodesField(forms.CharField):
    """Language codes typed as 'es, en, qu'."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        return [code.strip().lower() for code in value.replace(";", ",").split(",") if code.strip()]


class CommunityForm(ServiceFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.SlugField(label=_("Short name for links"), max_length=60, required=False,
                           help_text=_("Letters, numbers and hyphens. Leave empty to make one from the name."))
    kind = forms.ChoiceField(label=_("Kind of community"), choices=Community.Kind.choices)
    description_es = forms.CharField(label=_("Description (Spanish)"), widget=forms.Textarea, required=False)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea, required=False)
    values_es = forms.CharField(label=_("Shared values (Spanish)"), widget=forms.Textarea, required=False,
                                help_text=_("People read and accept this when they join."))
    values_en = forms.CharField(label=_("Shared values (English)"), widget=forms.Textarea, required=False)
    languages = LanguageCodesField(label=_("Languages used"), max_length=100,
                                   help_text=_("Language codes separated by commas, for example: es, en, qu."))
    country = forms.CharField(label=_("Country (two-letter code)"), max_length=2, required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Community.Visibility.choices,
                                   widget=forms.RadioSelect)
    join_policy = forms.ChoiceField(label=_("How people join"), choices=Community.JoinPolicy.choices,
                                    widget=forms.RadioSelect)


class JoinForm(forms.Form):
    as_seeker = forms.BooleanField(label=_("I would like support from a peer"), required=False, initial=True)
    as_supporter = forms.BooleanField(label=_("I would like to support others with what I have lived"), required=False)
    invite_code = forms.CharField(label=_("Invitation code"), max_length=40, required=False)
    agree_values = forms.BooleanField(label=_("I have read the shared values and I agree to them"), required=False)

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        if community.join_policy != Community.JoinPolicy.INVITATION:
            del self.fields["invite_code"]


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *Membership.Status.choices])
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[
        ("", _("Any role")), ("seeker", _("Seekers")), ("supporter", _("Supporters")),
        ("coordinator", _("Coordinators"))])


class RolesForm(ServiceFormMixin, forms.Form):
    is_seeker = forms.BooleanField(label=_("Seeker"), required=False)
    is_supporter = forms.BooleanField(label=_("Supporter"), required=False)
    is_coordinator = forms.BooleanField(label=_("Coordinator"), required=False)
    group = forms.CharField(label=_("Team, class or area"), max_length=80, required=False)


class ReasonForm(ServiceFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class InvitationForm(ServiceFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    as_seeker = forms.BooleanField(label=_("Seeker"), required=False, initial=True)
    as_supporter = forms.BooleanField(label=_("Supporter"), required=False)
    as_coordinator = forms.BooleanField(label=_("Coordinator"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_(
        "First line: email, display_name, and optionally roles (seeker;supporter;coordinator), language (es or en), group, capacity."))


class TopicForm(ServiceFormMixin, forms.Form):
    name_es = forms.CharField(label=_("Name (Spanish)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    description_es = forms.CharField(label=_("Description (Spanish)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_sensitive = forms.BooleanField(label=_("Sensitive topic (health, trauma, addiction, identity)"), required=False,
                                      help_text=_("People must give explicit consent before sharing an experience on it."))
