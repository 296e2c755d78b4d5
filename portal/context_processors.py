from django.conf import settings

from . import officials
from .contact import contact


def portal(request):
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        # May the person see the page for officials, as kept in the session at login
        # (portal/officials.py): no query, and read only when a template asks.
        "officials_page_link": lambda: officials.link_remembered(request),
        "CONTACT": contact(),
    }
