"""``{% desk_panels %}``: the coordinators' desk, on its own page and at the top
of the admin's front page."""

from django import template

from portal import desk

register = template.Library()


@register.inclusion_tag("portal/includes/desk_panels.html", takes_context=True)
def desk_panels(context, heading_level=2, details=False):
    request = context["request"]
    return {
        "panels": desk.panels_for(request.user, details=details),
        "heading_level": heading_level,
    }
