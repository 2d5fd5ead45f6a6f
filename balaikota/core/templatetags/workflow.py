"""``{% allowed "civil_registry.application" application "claim" as can_claim %}``: a template
asks the workflow the same question the service will — may this user do this action on this
object now? — instead of re-implementing a role or status check."""

from django import template

from balaikota.core.workflow import REGISTRY

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context, workflow_name: str, obj, action: str) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    workflow = REGISTRY[workflow_name]
    return obj is not None and workflow.can(user, obj, action)
