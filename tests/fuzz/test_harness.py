"""The fuzzer's own parts, on fixed HTML: it reads a form as a browser would, it
sees a typed value that a re-rendered form dropped, and it does not blame a form
for what a browser never sends."""

import pytest

from tests.fuzz.cases import hidden_kept, lost_values, normalise
from tests.fuzz.discovery import parse, skip_reason, spread

PAGE = """
<a href="/forum/">Forum</a>
<form method="get" action="/sok/"><input name="q"></form>
<form method="post" action="/en-vag-in/" enctype="multipart/form-data">
  <input type="hidden" name="apply" value="1">
  <input type="text" name="username" class="hidden" value="root">
  <input name="subject" value="{subject}" maxlength="10">
  <textarea name="message">
{message}</textarea>
  <input type="radio" name="kind" value="question" checked>
  <input type="radio" name="kind" value="idea">
  <select name="topics" multiple>
    <option value="1" selected>A</option><option value="2">B</option>
  </select>
  <input type="file" name="attachment">
  <input type="text" name="rows-__prefix__-title">
  <button type="submit" name="send" value="yes">Skicka</button>
</form>
"""  # fmt: skip


def page(subject="", message=""):
    return PAGE.format(subject=subject, message=message)


def the_form():
    forms, links = parse(page(), "/en-vag-in/")
    assert links == ["/forum/"]
    assert len(forms) == 1  # the GET search form is not one
    return forms[0]


def test_a_form_is_read_as_a_browser_sends_it():
    form = the_form()
    kinds = {f.name: f.kind for f in form.fields}
    assert kinds["kind"] == "radio" and kinds["username"] == "hidden"
    options = {f.name: f.options for f in form.fields if f.options}
    assert options == {"kind": ["question", "idea"], "topics": ["1", "2"]}
    assert form.defaults() == {
        "apply": ["1"],
        "username": ["root"],
        "subject": [""],
        "message": [""],
        "kind": ["question"],
        "topics": ["1"],
        "rows-__prefix__-title": [""],
        "send": ["yes"],
    }
    typed = {f.name for f in form.fields if f.typed}
    assert typed == {"subject", "message"}  # no password helper, no formset template


def test_a_dropped_value_is_seen_and_a_kept_one_is_not():
    form = the_form()
    data = {
        "apply": "1",
        "username": "root",
        "subject": " Hej ",
        "message": "Rad ett\r\nrad två\x07",
    }
    again = page(subject="Hej", message="Rad ett\nrad två")
    assert lost_values(form, data, again, "/en-vag-in/") == []
    assert lost_values(form, data, page(subject="Hej"), "/en-vag-in/") == ["message"]
    # Beyond maxlength a browser sends the first ten characters, which may come back.
    data["subject"] = "x" * 50
    assert lost_values(form, data, page(subject="x" * 10, message="Rad ett\nrad två"),
                       "/en-vag-in/") == []  # fmt: skip


def test_no_verdict_when_the_form_is_not_shown_again_or_hidden_fields_were_changed():
    form = the_form()
    sent = {"apply": "1", "username": "root", "subject": "a"}
    assert hidden_kept(form, sent)
    assert lost_values(form, sent, "<p>Tack!</p>", "/") is None
    assert not hidden_kept(form, {"subject": "a"})
    assert lost_values(form, {"subject": "a"}, page(), "/en-vag-in/") is None


@pytest.mark.parametrize(
    ("typed", "seen"),
    [(" a\tb ", "a b"), ("a\x00b\x1b", "ab"), ("e\u0301", "é"), ("  ", "")],
)
def test_normalise(typed, seen):
    assert normalise(typed) == seen


def test_downloads_and_logout_are_skipped_with_a_reason():
    assert skip_reason("dialogues:forum_ics")
    assert skip_reason("account_logout")
    assert skip_reason("organisations:api_organisations")
    assert skip_reason("dialogues:sign_up") is None


def test_admin_pages_the_admin_grants_no_one_are_skipped():
    assert skip_reason("admin:portal_auditentry_add")
    assert skip_reason("admin:portal_auditentry_delete")
    assert skip_reason("admin:organisations_organisation_add") is None


def test_links_to_one_route_are_taken_spread_over_the_list():
    links = ["/enkater/a/", "/", "/enkater/b/", "/enkater/c/", "/enkater/d/", "/enkater/e/"]
    assert spread(links) == [
        *("/enkater/a/", "/enkater/e/", "/enkater/c/", "/enkater/b/", "/enkater/d/"),
        "/",
    ]
    assert spread(["/"]) == ["/"]
