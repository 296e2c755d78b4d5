"""Whether to link a person to the page for officials, without a query per page.

May they see it is asked once at login (portal.adapters) and again on the account
page and on the page itself, and kept in the session, so the header reads a flag
the session already holds. A role given or taken mid-session shows in the header
from the next login or visit to the account page; the page checks the rule
itself on every request."""

SESSION_KEY = "portal.officials_page"
PERMISSION = "portal.view_officials_page"


def remember_link(request) -> bool:
    """Check the rule for the request's user and keep the answer in the session."""
    allowed = request.user.has_perm(PERMISSION)
    if request.session.get(SESSION_KEY) != allowed:
        request.session[SESSION_KEY] = allowed
    return allowed


def link_remembered(request) -> bool:
    """The answer kept at login: no query beyond loading the session."""
    return bool(request.session.get(SESSION_KEY))
