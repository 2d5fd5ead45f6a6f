"""Template helpers for the UI shell."""

from django import forms, template

register = template.Library()

_CHECK = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def bs_widget(field):
    """Render a bound field's widget with Bootstrap classes and ARIA state for its errors."""
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return field.as_widget()
    css = (
        "form-check-input"
        if isinstance(widget, _CHECK)
        else ("form-select" if isinstance(widget, forms.Select) else "form-control")
    )
    if field.errors:
        css += " is-invalid"
    attrs = {"class": " ".join(filter(None, [widget.attrs.get("class", ""), css]))}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def bs_label(field):
    css = "form-check-label" if isinstance(field.field.widget, _CHECK) else "form-label"
    return field.label_tag(attrs={"class": css}, label_suffix="")
