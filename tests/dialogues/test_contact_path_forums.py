"""Hitta rätt's contact paths list the forums that are for them (issue 18: related
forums when the dialogues app has them): the ones the reader may see, in one query."""

import pytest

from dialogues.models import Forum
from tests.contacts.factories import ContactPathFactory

from .factories import ForumFactory

pytestmark = pytest.mark.django_db


def test_a_contact_path_lists_its_forums_the_reader_may_see(client, django_assert_max_num_queries):
    path = ContactPathFactory(title="Frågor om tillgänglighet")
    council = ForumFactory(name="Funktionshinderrådet")
    internal = ForumFactory(name="Tjänstepersonsnätverket", audience=Forum.Audience.INTERNAL)
    ForumFactory(name="Ett annat forum")
    council.contact_paths.add(path)
    internal.contact_paths.add(path)
    html = client.get(path.get_absolute_url()).content.decode()
    assert "Forum för detta" in html
    assert council.get_absolute_url() in html
    assert "Tjänstepersonsnätverket" not in html and "Ett annat forum" not in html
    for n in range(3):
        ForumFactory(name=f"Råd {n}").contact_paths.add(path)
    with django_assert_max_num_queries(12):
        assert client.get(path.get_absolute_url()).status_code == 200


def test_no_section_without_forums(client):
    path = ContactPathFactory(title="Lokalbokning")
    assert "Forum för detta" not in client.get(path.get_absolute_url()).content.decode()
