from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.insights.models import CommunityInstrument

EXAMPLE = '''key = "our_brief_scale"
version = 1
higher_is_better = true
source = "Publisher, year; licence number"
name = { es = "Escala breve", en = "Brief scale" }

[scale]
min = 1
max = 5
anchors = [
    { value = 1, es = "Nunca", en = "Never" },
    { value = 5, es = "Siempre", en = "Always" },
]

[scoring]
method = "mean"
min_answered_share = 0.75

[[items]]
key = "first_item"
reversed = false
es = "..."
en = "..."
'''


class InstrumentForm(forms.Form):
    role = forms.ChoiceField(label=_("What is it for?"), choices=CommunityInstrument.Role.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages of its texts"), choices=[("es", _("Spanish")), ("en", _("English"))],
        widget=forms.CheckboxSelectMultiple, initial=["es", "en"],
    )
    licence_note = forms.CharField(
        label=_("Licence"), max_length=300, required=False,
        help_text=_("Who publishes it and how you are licensed to use it. Ayni ships no licensed texts."),
    )
    file = forms.FileField(label=_("Definition file (TOML or JSON)"), required=False)
    text = forms.CharField(
        label=_("Or write the definition here (TOML or JSON)"), required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false", "class": "code"}),
        help_text=_("Items, scale, scoring rules and any questions of your own, as described in the guide."),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > 200_000:
                raise forms.ValidationError(_("The file is too large (200 KB at most)."))
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The file must be UTF-8 text.")) from error
        if not (data.get("text") or "").strip():
            self.add_error("text", _("Upload a file or write the definition."))
        return data


def _scale_choices(scale, language):
    choices = []
    for value in scale.values:
        label = scale.label_for(value)
        choices.append((str(value), f"{value} · {label.get(language)}" if label else str(value)))
    return choices


def survey_form_class(instrument, language: str):
    """A form for one instrument: every item and question optional unless the instrument says so."""
    fields = {}
    for item in instrument.items:
        fields[item.key] = forms.TypedChoiceField(
            label=item.prompt.get(language), required=False, coerce=int, empty_value=None,
            choices=_scale_choices(instrument.scale, language), widget=forms.RadioSelect,
        )
    for question in instrument.questions:
        label = question.prompt.get(language)
        if question.kind == "single_choice":
            fields[question.key] = forms.ChoiceField(
                label=label, required=question.required, widget=forms.RadioSelect,
                choices=[(choice.key, choice.text.get(language)) for choice in question.choices])
        elif question.kind == "scale":
            fields[question.key] = forms.TypedChoiceField(
                label=label, required=question.required, coerce=int, empty_value=None, widget=forms.RadioSelect,
                choices=_scale_choices(question.scale, language))
        else:
            fields[question.key] = forms.CharField(
                label=label, required=question.required, max_length=question.max_length or 2000,
                widget=forms.Textarea(attrs={"rows": 3}))

    def answers(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}

    return type("SurveyForm", (forms.Form,), {**fields, "answers": answers})
