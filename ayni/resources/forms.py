from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.accounts.forms import ServiceFormMixin


class ResourceForm(ServiceFormMixin, forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=160, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=160, required=False)
    url = forms.CharField(label=_("Link"), max_length=500, required=False,
                          help_text=_("Leave empty for a short note without a link."))
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False, empty_label=_("General"))
    note_es = forms.CharField(label=_("Note (Spanish)"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=2000)
    note_en = forms.CharField(label=_("Note (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=2000)

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = community.topics.filter(is_archived=False)
