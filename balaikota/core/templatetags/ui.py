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


# --- {% memo %}: a fragment rendered once per process and key --------------------------------

_MEMO: dict[tuple, str] = {}
_MEMO_LIMIT = 2000


class MemoNode(template.Node):
    def __init__(self, nodelist, keys):
        self.nodelist = nodelist
        self.keys = keys

    def render(self, context):
        from django.conf import settings
        from django.urls import get_script_prefix, get_urlconf
        from django.utils.translation import get_language

        key = (
            id(self),
            get_language(),
            get_urlconf(),
            get_script_prefix(),
            settings.STATIC_URL,
            *(str(k.resolve(context)) for k in self.keys),
        )
        html = _MEMO.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(_MEMO) >= _MEMO_LIMIT:
                _MEMO.clear()
            _MEMO[key] = html
        return html


@register.tag
def memo(parser, token):
    """``{% memo key … %}…{% endmemo %}``: render the enclosed fragment once per process for each
    key (plus the language, URLconf, script prefix and static URL), then reuse the HTML. Only for fragments
    that depend on nothing but their keys — never a CSRF token, a message or a person's data
    that is not in the key. The page chrome (menu, footer) is the use: drawn on every page."""
    bits = token.split_contents()[1:]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in bits])
