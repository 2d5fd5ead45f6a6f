"""HTML input of e-learning: the answers on a quiz page and the SCORM upload."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ScormUploadForm(forms.Form):
    title = forms.CharField(
        label=_("Judul (opsional)"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan untuk memakai judul dari manifes paket."),
    )
    package = forms.FileField(
        label=_("Paket SCORM 1.2 (.zip)"),
        help_text=_("Arsip ZIP dengan imsmanifest.xml di akarnya; paling besar 100 MB."),
    )


def answers_from_post(post, attempt) -> dict[int, list[str]]:
    """The answers on the submitted page: ``q<question id>`` → the chosen option ids."""
    answers = {}
    for question_id in attempt.question_ids:
        chosen = post.getlist(f"q{question_id}")
        if chosen:
            answers[question_id] = chosen
    return answers
