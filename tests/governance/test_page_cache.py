"""Anonymous readers get cached pages; a publication is seen at once; staff never get a copy."""

from django.contrib.messages import SUCCESS
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext

from tests.governance.helpers import draft_of_sla, publish, set_section_text


def test_the_second_anonymous_request_is_served_from_the_cache_without_queries(client, sla):
    first = client.get("/sla/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/sla/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_a_publication_is_visible_to_the_next_anonymous_reader(client, sla):
    client.get("/sla/")
    page = draft_of_sla()
    set_section_text(page, "7", "<p>ROR-IKT rapporterer hvert kvartal.</p>")
    publish(page)
    response = client.get("/sla/")
    assert response["X-Page-Cache"] == "miss"
    assert "hvert kvartal" in response.content.decode()


def test_logged_in_staff_never_get_or_fill_the_cache(client, sla, editor):
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get("/sla/")
    client.logout()
    assert client.get("/sla/")["X-Page-Cache"] == "miss"


def test_search_results_are_not_cached(client, sla):
    client.get("/sok/", {"q": "oppetid"})
    assert "X-Page-Cache" not in client.get("/sok/", {"q": "oppetid"})


def test_a_reader_with_a_message_waiting_sees_it_on_a_cached_page(client, sla):
    client.get("/sla/")
    storage = CookieStorage(HttpRequest())
    client.cookies[storage.cookie_name] = storage._encode([Message(SUCCESS, "Du er logget ut.")])
    response = client.get("/sla/")
    assert "X-Page-Cache" not in response
    assert "Du er logget ut." in response.content.decode()
    assert client.get("/sla/")["X-Page-Cache"] == "hit"
