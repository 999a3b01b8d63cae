"""The ideas API at /api/v1/: who sees and does what, its refusals, its OpenAPI description."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import APIToken

from councils.models import Meeting
from ideas import services
from ideas.authority import Authority
from ideas.models import Idea, Transition
from ideas.services import MoveInput
from ideas.workflow import MOVES, State
from tests.conftest import PASSWORD
from tests.councils.factories import AgendaItemFactory, MeetingFactory, PersonFactory, organisation
from tests.ideas.factories import (
    IdeaFactory,
    UserFactory,
    expert_group,
    innovation_council,
    member,
    portfolio_council,
)

API = "/api/v1"


class People:
    """The councils and people these tests need, each with an API token."""


@pytest.fixture
def people(db):
    p = People()
    p.ir_molde = innovation_council("molde")
    p.ir_rauma = innovation_council("rauma")
    p.helse = expert_group("helse")
    p.portfolio = portfolio_council()
    p.submitter = UserFactory(username="innmelder", first_name="Ine", last_name="Innmelder")
    p.colleague = UserFactory(username="kollega", first_name="Kari", last_name="Kollega")
    p.molde_member = member(p.ir_molde, "ir_molde")
    p.rauma_member = member(p.ir_rauma, "ir_rauma")
    p.pr_member = member(p.portfolio, "pr")
    p.follow_up = PersonFactory(name="Olav Oppfølger", organisation=organisation("molde"))
    return p


def token_for(user, name="Integrasjon"):
    return APIToken.create_token(user=user, name=name)[1]


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}


class Caller:
    """A test client that calls the API as one user, with that user's token."""

    def __init__(self, user):
        self.client = Client()
        self.headers = bearer(user)

    def get(self, path, **params):
        return self.client.get(API + path, params, **self.headers)

    def post(self, path, data):
        return self.client.post(
            API + path, json.dumps(data), content_type="application/json", **self.headers
        )


@pytest.fixture
def as_user():
    return Caller


def idea_of(people, **kwargs):
    return IdeaFactory(submitter=people.submitter, **kwargs)


# Reading ---------------------------------------------------------------------------------


def test_the_list_shows_every_idea_except_others_drafts(people, as_user):
    sent_in = idea_of(people, title="Digitale skjema")
    draft = idea_of(people, title="Mitt utkast", state=State.DRAFT)
    others_draft = IdeaFactory(title="Andres utkast", state=State.DRAFT)

    mine = as_user(people.submitter).get("/ideas").json()
    assert {item["id"] for item in mine["items"]} == {sent_in.pk, draft.pk}
    assert mine["count"] == 2
    theirs = as_user(people.colleague).get("/ideas").json()
    assert [item["id"] for item in theirs["items"]] == [sent_in.pk]
    assert others_draft.pk not in {item["id"] for item in theirs["items"]}


def test_the_list_is_filtered_and_paged(people, as_user):
    health = idea_of(
        people,
        title="Velferdsteknologi",
        state=State.EXPERT_GROUP,
        expert_group=people.helse,
    )
    health.tags.add("Helse")
    rauma = idea_of(people, title="Skoleskyss", municipality=organisation("rauma"))
    waiting = idea_of(people, title="Felles innlogging", state=State.SUBMITTED)
    caller = as_user(people.molde_member)

    def ids(**params):
        response = caller.get("/ideas", **params)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids(state=State.EXPERT_GROUP) == [health.pk]
    assert ids(municipality="rauma") == [rauma.pk]
    assert ids(expert_group="faggruppe-helse") == [health.pk]
    assert ids(tag="helse") == [health.pk]
    assert ids(q="skoleSKYSS") == [rauma.pk]
    # Molde's innovasjonsråd waits for Molde's new ideas, not Rauma's or the faggruppe's.
    assert ids(tasks="true") == [waiting.pk]
    assert as_user(people.colleague).get("/ideas", tasks="true").json()["items"] == []
    first, second = ids(limit=1), ids(limit=1, offset=1)
    assert len(first) == len(second) == 1 and first != second
    assert caller.get("/ideas", limit=1).json()["count"] == 3


def test_a_filter_given_twice_is_refused_rather_than_half_applied(people, as_user):
    idea_of(people, municipality=organisation("rauma"))
    response = as_user(people.colleague).get("/ideas", municipality=["molde", "rauma"])
    assert response.status_code == 422
    assert response.json()["problems"] == {"municipality": "«municipality» kan bare gis én gang."}


def test_the_list_costs_the_same_queries_for_many_ideas(
    people, as_user, django_assert_num_queries
):
    caller = as_user(people.colleague)
    caller.get("/ideas")  # the token's first use records when it was used
    IdeaFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        assert caller.get("/ideas").json()["count"] == 2
    for idea in IdeaFactory.create_batch(8, expert_group=people.helse):
        idea.tags.add("skjema", "helse")
    with django_assert_num_queries(len(few)):
        assert caller.get("/ideas").json()["count"] == 10


def test_reading_an_idea_gives_its_version_and_the_moves_the_caller_may_make(people, as_user):
    idea = idea_of(people, state=State.SUBMITTED, show_name=False)
    idea.tags.add("skjema")

    body = as_user(people.molde_member).get(f"/ideas/{idea.pk}").json()
    assert body["version"] == 0
    assert body["state_label"] == "Sendt inn"
    assert body["municipality"] == {"slug": "molde", "name": "Molde"}
    assert body["tags"] == ["skjema"]
    assert body["submitter"] == "Navnet er ikke vist"
    assert body["url"].endswith(f"/ideer/{idea.pk}/")
    assert [move["name"] for move in body["moves"]] == ["start_triage"]
    assert body["moves"][0]["requires"] == ["follow_up"]
    # The submitter may withdraw it and sees their own name; Rauma's council may do nothing.
    own = as_user(people.submitter).get(f"/ideas/{idea.pk}").json()
    assert [move["name"] for move in own["moves"]] == ["withdraw"]
    assert own["submitter"] == "Ine Innmelder" and own["mine"] is True
    assert as_user(people.rauma_member).get(f"/ideas/{idea.pk}").json()["moves"] == []


def test_others_drafts_and_unknown_ids_are_not_found(people, as_user):
    draft = idea_of(people, state=State.DRAFT)
    for path in (f"/ideas/{draft.pk}", f"/ideas/{draft.pk}/timeline"):
        response = as_user(people.colleague).get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == f"Fant ingen idé med id {draft.pk}."
    assert as_user(people.submitter).get(f"/ideas/{draft.pk}").status_code == 200
    assert as_user(people.submitter).get("/ideas/999999999").status_code == 404
    response = as_user(people.colleague).post(
        f"/ideas/{draft.pk}/moves", {"move": "submit", "version": 0}
    )
    assert response.status_code == 404
    assert Idea.objects.get(pk=draft.pk).state == State.DRAFT


# Submitting ------------------------------------------------------------------------------

NEW_IDEA = {
    "title": "Felles timebok for helsestasjonene",
    "background": "Hver helsestasjon har sin egen kalender.",
    "problem": "Foreldre må ringe for å bestille time.",
    "benefits": "Færre telefoner.",
    "stakeholders": "Foreldre og helsesykepleiere.",
    "proposal": "En felles timebok på nett.",
    "municipality": "molde",
    "tags": ["helse", " timebok ", ""],
    "show_name": True,
}


def test_an_idea_is_saved_as_a_draft(people, as_user):
    response = as_user(people.submitter).post("/ideas", NEW_IDEA)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["version"], body["mine"]) == (State.DRAFT, 0, True)
    assert body["tags"] == ["helse", "timebok"]
    idea = Idea.objects.get(pk=body["id"])
    assert idea.submitter == people.submitter and idea.problem == NEW_IDEA["problem"]
    assert [m["name"] for m in body["moves"]] == ["submit"]
    assert not Transition.objects.filter(idea=idea).exists()


def test_an_idea_is_sent_in_at_once(people, as_user):
    response = as_user(people.submitter).post("/ideas", {**NEW_IDEA, "send_in": True})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["version"]) == (State.SUBMITTED, 1)
    assert body["submitted_at"]
    timeline = as_user(people.submitter).get(f"/ideas/{body['id']}/timeline").json()
    assert [entry["move"] for entry in timeline] == ["submit"]


def test_an_incomplete_idea_is_not_sent_in_and_nothing_is_left_behind(people, as_user):
    incomplete = {**NEW_IDEA, "background": "  ", "proposal": "", "send_in": True}
    response = as_user(people.submitter).post("/ideas", incomplete)
    assert response.status_code == 422
    assert response.json()["problems"] == {
        "background": "Beskriv bakgrunnen for idéen.",
        "proposal": "Beskriv løsningsforslaget, så godt du kan.",
    }
    assert not Idea.objects.exists()


def test_an_idea_needs_a_known_municipality(people, as_user):
    response = as_user(people.submitter).post("/ideas", {**NEW_IDEA, "municipality": "oslo"})
    assert response.status_code == 422
    assert response.json()["problems"]["municipality"].startswith("Velg en av kommunene: aukra")
    assert not Idea.objects.exists()


# Moving ----------------------------------------------------------------------------------


def test_a_council_member_makes_a_move(people, as_user):
    idea = idea_of(people, state=State.SUBMITTED)
    response = as_user(people.molde_member).post(
        f"/ideas/{idea.pk}/moves",
        {"move": "start_triage", "version": 0, "follow_up": people.follow_up.pk},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["idea"]["state"], body["idea"]["version"]) == (State.TRIAGE, 1)
    assert body["idea"]["follow_up"] == {"id": people.follow_up.pk, "name": "Olav Oppfølger"}
    assert body["transition"]["told"] == (
        "Innovasjonsrådet tok idéen til vurdering og utnevnte Olav Oppfølger som "
        "oppfølgingsansvarlig."
    )
    assert body["transition"]["acting_for"]["slug"] == "innovasjonsradet-molde"


def test_a_move_by_someone_without_authority_is_refused(people, as_user):
    idea = idea_of(people, state=State.SUBMITTED)
    response = as_user(people.rauma_member).post(
        f"/ideas/{idea.pk}/moves",
        {"move": "start_triage", "version": 0, "follow_up": people.follow_up.pk},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Du sitter ikke i innovasjonsrådet som behandler denne idéen i dag."
    )
    idea.refresh_from_db()
    assert (idea.state, idea.version) == (State.SUBMITTED, 0)


def test_a_move_missing_what_it_requires_names_the_field(people, as_user):
    idea = idea_of(people, state=State.TRIAGE)
    response = as_user(people.molde_member).post(
        f"/ideas/{idea.pk}/moves", {"move": "return", "version": 0, "reason": "   "}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Steget mangler noe. Se feltene under."
    assert body["problems"] == {"reason": "Skriv en begrunnelse. Innmelderen får se den."}


def test_unknown_moves_and_references_are_refused_in_norwegian(people, as_user):
    idea = idea_of(people, state=State.TRIAGE)
    caller = as_user(people.molde_member)
    response = caller.post(f"/ideas/{idea.pk}/moves", {"move": "fly", "version": 0})
    assert response.status_code == 422
    assert response.json()["problems"]["move"].startswith("Ukjent verdi. Gyldige verdier:")
    response = caller.post(
        f"/ideas/{idea.pk}/moves",
        {"move": "send_to_expert_group", "version": 0, "expert_group": "faggruppe-ukjent"},
    )
    assert response.status_code == 422
    assert response.json()["problems"] == {
        "expert_group": "Fant ingen faggruppe «faggruppe-ukjent»."
    }
    response = caller.post(
        f"/ideas/{idea.pk}/moves",
        {"move": "send_to_expert_group", "version": 0, "expert_group": "innovasjonsradet-molde"},
    )
    assert response.json()["problems"] == {"expert_group": "Velg en faggruppe."}
    others_draft = IdeaFactory(state=State.DRAFT)
    response = caller.post(
        f"/ideas/{idea.pk}/moves",
        {"move": "merge", "version": 0, "merge_target": others_draft.pk},
    )
    assert response.json()["problems"] == {
        "merge_target": f"Fant ingen idé med id {others_draft.pk}."
    }
    assert Idea.objects.get(pk=idea.pk).version == 0


def test_the_second_of_two_moves_against_the_same_version_is_told_the_idea_changed(
    people, as_user
):
    idea = idea_of(people, state=State.TRIAGE)
    first, second = as_user(people.molde_member), as_user(member(people.ir_molde, "ir_molde2"))
    won = first.post(f"/ideas/{idea.pk}/moves", {"move": "carry_out_locally", "version": 0})
    assert won.status_code == 201
    lost = second.post(
        f"/ideas/{idea.pk}/moves", {"move": "reject_locally", "version": 0, "reason": "Nei."}
    )
    assert lost.status_code == 409
    assert lost.json() == {
        "detail": services.CHANGED,
        "problems": {},
        "version": 1,
    }
    idea.refresh_from_db()
    assert (idea.state, Transition.objects.filter(idea=idea).count()) == (State.LOCAL, 1)


# The timeline ----------------------------------------------------------------------------


def test_the_timeline_tells_each_move(people, as_user):
    idea = idea_of(people, state=State.DRAFT, show_name=False)
    meeting = MeetingFactory(
        council=people.ir_molde, minutes_status=Meeting.MinutesStatus.PUBLISHED
    )
    case = AgendaItemFactory(meeting=meeting, title="Felles timebok")
    services.make_move(idea.pk, "submit", people.submitter, 0)
    services.make_move(
        idea.pk, "start_triage", people.molde_member, 1, MoveInput(follow_up=people.follow_up)
    )
    services.make_move(
        idea.pk,
        "return",
        people.molde_member,
        2,
        MoveInput(reason="Beskriv kostnaden.", case=case),
    )

    timeline = as_user(people.colleague).get(f"/ideas/{idea.pk}/timeline").json()
    assert [entry["move"] for entry in timeline] == ["submit", "start_triage", "return"]
    submit, triage, returned = timeline
    assert (submit["from_state"], submit["to_state"]) == (State.DRAFT, State.SUBMITTED)
    assert (submit["from_label"], submit["to_label"]) == ("Utkast", "Sendt inn")
    assert submit["told"] == "Idéen ble sendt inn."
    # The submitter asked not to be named; their own move does not give the name away.
    assert submit["actor"] == "Navnet er ikke vist"
    assert submit["acting_for"] is None and submit["case"] is None
    assert triage["actor"] == people.molde_member.person.name
    assert triage["acting_for"] == {"slug": "innovasjonsradet-molde", "name": people.ir_molde.name}
    assert returned["reason"] == "Beskriv kostnaden."
    assert returned["move_label"] == "Send tilbake til innmelder"
    assert returned["case"]["label"] == case.label
    assert returned["case"]["title"] == "Felles timebok"
    assert returned["case"]["url"].endswith(
        f"/rad/innovasjonsradet-molde/moter/{meeting.pk}/#sak-{case.label}"
    )
    assert returned["at"]
    own = as_user(people.submitter).get(f"/ideas/{idea.pk}/timeline").json()
    assert own[0]["actor"] == "Ine Innmelder"


# Authentication --------------------------------------------------------------------------


def test_anonymous_callers_are_asked_to_log_in(people):
    idea = idea_of(people)
    client = Client()
    for response in (
        client.get(f"{API}/ideas"),
        client.get(f"{API}/ideas/{idea.pk}"),
        client.get(f"{API}/ideas/{idea.pk}/timeline"),
        client.post(f"{API}/ideas", NEW_IDEA, content_type="application/json"),
        client.post(
            f"{API}/ideas/{idea.pk}/moves",
            {"move": "withdraw", "version": 0},
            content_type="application/json",
        ),
    ):
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Du må være logget inn")
    assert Idea.objects.get(pk=idea.pk).state == State.SUBMITTED


def test_a_token_authenticates_until_it_is_revoked(people):
    token, plaintext = APIToken.create_token(user=people.submitter, name="Saksbehandling")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get(f"{API}/ideas").status_code == 200
    token.revoke()
    assert client.get(f"{API}/ideas").status_code == 401


def test_unknown_tokens_and_inactive_users_get_401(people):
    unknown = APIToken.generate_token()
    assert Client().get(f"{API}/ideas", HTTP_AUTHORIZATION=f"Bearer {unknown}").status_code == 401
    assert Client().get(f"{API}/ideas", HTTP_AUTHORIZATION="Bearer tull").status_code == 401
    headers = bearer(people.colleague)
    people.colleague.is_active = False
    people.colleague.save()
    assert Client().get(f"{API}/ideas", **headers).status_code == 401


def test_a_bad_token_is_not_rescued_by_a_session(people):
    client = Client()
    client.force_login(people.submitter)
    assert client.get(f"{API}/ideas").status_code == 200
    assert client.get(f"{API}/ideas", HTTP_AUTHORIZATION="Bearer tull").status_code == 401


def test_the_browser_session_needs_the_csrf_token_to_change_anything(people):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="innmelder", password=PASSWORD)
    assert client.get(f"{API}/ideas").status_code == 200
    refused = client.post(f"{API}/ideas", NEW_IDEA, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("CSRF-kontrollen feilet")
    assert not Idea.objects.exists()

    client.get("/logg-inn/")  # any page with a form sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        f"{API}/ideas", NEW_IDEA, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert accepted.status_code == 201, accepted.content


def test_tokens_need_no_csrf_token(people):
    client = Client(enforce_csrf_checks=True, **bearer(people.submitter))
    response = client.post(f"{API}/ideas", NEW_IDEA, content_type="application/json")
    assert response.status_code == 201


# Invalid input ---------------------------------------------------------------------------


def test_malformed_json_and_wrong_types_get_422_in_norwegian(people, as_user):
    caller = as_user(people.submitter)
    response = caller.client.post(
        f"{API}/ideas", "{ikke json", content_type="application/json", **caller.headers
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Innholdet i forespørselen er ikke gyldig JSON."

    response = caller.post(
        "/ideas", {"title": 5, "municipality": "molde", "tags": "helse", "show_name": "kanskje"}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Forespørselen har feil. Se feltene under.",
        "problems": {
            "title": "Skal være tekst.",
            "tags": "Skal være en liste.",
            "show_name": "Skal være true eller false.",
        },
        "version": None,
    }
    assert caller.post("/ideas", "tekst").json()["problems"] == {
        "__all__": "Skal være et JSON-objekt."
    }
    response = caller.post("/ideas", {"municipality": "molde"})
    assert response.json()["problems"] == {"title": "Feltet må fylles ut."}
    response = caller.post("/ideas", {**NEW_IDEA, "title": "x" * 201})
    assert response.json()["problems"] == {"title": "Kan ha høyst 200 tegn."}
    response = caller.get("/ideas", limit=0, state="ukjent")
    assert set(response.json()["problems"]) == {"limit", "state"}
    assert caller.get("/ideas/0").json()["problems"] == {"idea_id": "Skal være minst 1."}


def test_text_the_database_cannot_store_is_refused_not_crashed(people, as_user):
    caller = as_user(people.submitter)
    response = caller.post("/ideas", {**NEW_IDEA, "problem": "før\x00etter"})
    assert response.status_code == 422
    assert response.json()["problems"] == {"problem": "Teksten kan ikke inneholde tegnet NUL."}
    assert caller.get("/ideas", q="a\x00b").status_code == 422
    assert not Idea.objects.exists()


# The OpenAPI description -----------------------------------------------------------------


def test_the_openapi_description_and_docs_are_served_in_norwegian(db):
    schema = Client().get(f"{API}/openapi.json").json()
    assert schema["info"]["title"] == "Styringsportalen"
    assert "Authorization: Bearer" in schema["info"]["description"]
    assert "SLA-frister" in schema["info"]["description"]
    assert set(schema["paths"]) == {
        f"{API}/sla/frister",
        f"{API}/ideas",
        f"{API}/ideas/{{idea_id}}",
        f"{API}/ideas/{{idea_id}}/moves",
        f"{API}/ideas/{{idea_id}}/timeline",
    }
    move_responses = schema["paths"][f"{API}/ideas/{{idea_id}}/moves"]["post"]["responses"]
    assert set(move_responses) == {"201", "401", "403", "404", "409", "422"}
    assert move_responses["409"]["description"].startswith("Idéen er endret")
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    docs = Client().get(f"{API}/docs")
    assert docs.status_code == 200
    assert b"X-CSRFToken" in docs.content  # the docs' "try it out" works with a session


# Rules added to ideas.authority for the API ----------------------------------------------


def test_viewable_is_may_view_as_a_filter(people):
    ideas = [
        idea_of(people, state=State.DRAFT),
        idea_of(people, state=State.SUBMITTED),
        IdeaFactory(state=State.DRAFT),
        IdeaFactory(state=State.REJECTED),
    ]
    for user in (people.submitter, people.colleague):
        authority = Authority(user)
        listed = set(Idea.objects.filter(authority.viewable()).values_list("pk", flat=True))
        assert listed == {idea.pk for idea in ideas if authority.may_view(idea)}


def test_names_are_shown_as_the_submitter_allowed(people):
    hidden = idea_of(people, state=State.DRAFT, show_name=False)
    shown = idea_of(people, state=State.DRAFT, show_name=True)
    for idea in (hidden, shown):
        services.make_move(idea.pk, "submit", people.submitter, 0)
    other, own = Authority(people.colleague), Authority(people.submitter)
    assert other.submitter_name(hidden) == "Navnet er ikke vist"
    assert other.submitter_name(shown) == own.submitter_name(hidden) == "Ine Innmelder"
    transition = hidden.transitions.get()
    assert other.actor_name(transition, hidden) == "Navnet er ikke vist"
    assert own.actor_name(transition, hidden) == "Ine Innmelder"


# The API against its own OpenAPI description (schemathesis) ------------------------------


# Loaded through the WSGI app as a client sees it. Schemathesis's lazy `from_fixture` loader
# does not run under pytest 9, so the schema is read at collection; it needs no database.
schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", get_wsgi_application())
# Filled by the `fuzzing` fixture: the real ids the hooks below mix into generated requests.
KNOWN = {}


@st.composite
def with_real_data(draw, case):
    """`case` with, where it was generated valid, real ids and slugs mixed in: random ones
    almost never exist, and real ones let requests reach the successful answers and moves."""

    def valid(location):
        return case.meta is None or not case.meta.is_negative_at(location)

    def one_of(*values):
        return draw(st.sampled_from(values))

    path = case.path_parameters
    if isinstance(path, dict) and "idea_id" in path and valid(ParameterLocation.PATH):
        case.path_parameters = {**path, "idea_id": one_of(*KNOWN["ideas"], path["idea_id"])}
    body = case.body
    if isinstance(body, dict) and valid(ParameterLocation.BODY):
        if "municipality" in body:
            body = {**body, "municipality": one_of("molde", "rauma", body["municipality"])}
        if "move" in body:
            body = {
                **body,
                "version": one_of(0, 1, body.get("version", 0)),
                "follow_up": one_of(KNOWN["person"], body.get("follow_up")),
                "expert_group": one_of("faggruppe-helse", body.get("expert_group")),
                "merge_target": one_of(None, body.get("merge_target")),
                "case": one_of(None, body.get("case")),
            }
        case.body = body
    return case


@schema.hook
def flatmap_case(context, case):
    return with_real_data(case) if KNOWN else st.just(case)


@pytest.fixture
def fuzzing(people, settings):
    """Ideas in several states, and a token for a user who may act on some of them."""
    settings.ALLOWED_HOSTS = ["*"]
    fuzzer = people.molde_member
    ideas = [
        IdeaFactory(submitter=fuzzer, state=State.DRAFT),
        IdeaFactory(submitter=fuzzer, state=State.SUBMITTED),
        idea_of(people, state=State.SUBMITTED),
        idea_of(people, state=State.TRIAGE, follow_up=people.follow_up),
        idea_of(people, state=State.LOCAL),
        idea_of(people, state=State.EXPERT_GROUP, expert_group=people.helse),
        idea_of(people, state=State.DRAFT),
    ]
    KNOWN.update(ideas=[idea.pk for idea in ideas], person=people.follow_up.pk)
    # Requests go straight to the WSGI app, whose request signals would close the test's
    # database connection in the middle of its transaction; Django's test client
    # disconnects them the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {token_for(fuzzer, 'Schemathesis')}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        KNOWN.clear()


@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_description(case, fuzzing):
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        ignored_auth,
    ]
    # The real token replaces the Authorization header the case generated, so a case made
    # invalid there reaches the API valid, and its being accepted is no fault.
    if case.meta is None or not case.meta.is_negative_at(ParameterLocation.HEADER):
        checks.append(negative_data_rejection)
    response = case.call(headers=fuzzing)
    case.validate_response(response, checks=checks, headers=fuzzing)


def test_every_move_of_the_table_can_be_named_in_the_api(db):
    schema = Client().get(f"{API}/openapi.json").json()
    assert schema["components"]["schemas"]["MoveIn"]["properties"]["move"]["enum"] == list(MOVES)
