"""The survey form (nine questions, an optional respondent profile) and the follow-up form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .ikm import ELEMENTS
from .models import ImprovementAction, SatisfactionSurvey
from .questionnaire import QUESTIONS


class SurveyForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"),
        choices=[("", _("Tidak ingin menyebutkan")), *SatisfactionSurvey.Gender.choices],
        required=False,
    )
    age = forms.IntegerField(label=_("Usia"), min_value=10, max_value=110, required=False)
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"),
        choices=[("", _("Tidak ingin menyebutkan")), *SatisfactionSurvey.Education.choices],
        required=False,
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan"),
        choices=[("", _("Tidak ingin menyebutkan")), *SatisfactionSurvey.Occupation.choices],
        required=False,
    )
    suggestion = forms.CharField(
        label=_("Saran untuk perbaikan layanan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _label in ELEMENTS:
            question, answers = QUESTIONS[code]
            self.fields[code] = forms.TypedChoiceField(
                label=question,
                choices=[(str(i), answer) for i, answer in enumerate(answers, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
        order = [code for code, _label in ELEMENTS]
        self.order_fields([*order, "suggestion", "gender", "age", "education", "occupation"])

    def question_fields(self):
        return [self[code] for code, _label in ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("gender", "age", "education", "occupation")]


class ImprovementActionForm(forms.ModelForm):
    class Meta:
        model = ImprovementAction
        fields = ["element", "service", "year", "action", "target_date", "status", "result"]
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = opd.public_services.filter(is_active=True).order_by(
            "name"
        )
        self.fields["service"].required = False
        self.fields["service"].empty_label = _("Semua layanan OPD")
