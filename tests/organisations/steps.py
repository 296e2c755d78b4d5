"""Walking the registration's steps as a browser does (organisations/registration.py):
each step is sent with its part of the data, and the review with its one-time token."""

from organisations.registration import REVIEW, STEPS, step_url


def part(step, data: dict) -> dict:
    """The values of ``data`` (named as the whole form's fields) that ``step`` asks for."""
    return {name: value for name, value in data.items() if name in step.names}


def review_hidden_fields(client) -> dict:
    """What the review page hides (the one-time token), as the browser sends it back."""
    form = client.get(step_url(REVIEW)).context["form"]
    return {field.html_name: field.value() for field in form.hidden_fields()}


def walk(client, data: dict, *, until=REVIEW):
    """Send every step before ``until`` with its part of ``data``; the response of
    the first step that does not pass, or None when all of them did."""
    for step in STEPS[: STEPS.index(until)]:
        response = client.post(step_url(step), {**part(step, data), "action": "next"})
        if response.status_code != 302:
            return response
    return None


def register(client, data: dict, **kwargs):
    """The whole registration: every step, then the review sent. The response of the
    first step that does not pass, or of the review."""
    stopped = walk(client, data)
    if stopped is not None:
        return stopped
    return send_review(client, data, **kwargs)


def send_review(client, data: dict, *, hidden=None, **kwargs):
    """Send the review with its part of ``data`` and the token in ``hidden`` (or the
    one the review page gives now)."""
    hidden = review_hidden_fields(client) if hidden is None else hidden
    sent = {**hidden, **part(REVIEW, data), "action": "send"}
    if "submission" in data:
        sent["submission"] = data["submission"]
    return client.post(step_url(REVIEW), sent, **kwargs)
