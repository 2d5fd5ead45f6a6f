"""Form rendering shared by every app: Bootstrap 5 markup with accessible labels and errors."""

from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "django/forms/div.html"
    field_template_name = "forms/field.html"
