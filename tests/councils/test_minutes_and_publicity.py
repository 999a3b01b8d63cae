"""Minutes go draft → approved → published; exempt cases keep their decision public."""

import pytest
from django.core.exceptions import ValidationError

from councils import minutes, publicity
from councils.models import Meeting, Membership
from tests.councils.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

Status = Meeting.MinutesStatus


@pytest.mark.parametrize(
    ("previous", "new", "allowed"),
    [
        (Status.DRAFT, Status.APPROVED, True),
        (Status.APPROVED, Status.PUBLISHED, True),
        (Status.APPROVED, Status.DRAFT, True),
        (Status.DRAFT, Status.PUBLISHED, False),
        (Status.PUBLISHED, Status.DRAFT, False),
        (Status.PUBLISHED, Status.APPROVED, False),
    ],
)
def test_minutes_status_changes(previous, new, allowed):
    assert (minutes.status_change_problem(previous, new) is None) is allowed


def test_skipping_approval_is_refused_with_a_message(db):
    meeting = MeetingFactory()
    meeting.minutes_status = Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["minutes_status"] == [
        "Referatet må være godkjent før det kan bli publisert."
    ]


def test_publishing_stamps_the_time_once(db):
    meeting = MeetingFactory(minutes_status=Status.PUBLISHED)
    minutes.stamp_publication(meeting)
    first = meeting.published_at
    assert first is not None
    minutes.stamp_publication(meeting)
    assert meeting.published_at == first


@pytest.fixture
def exempt_case(db):
    return AgendaItemFactory(
        exempt_ground="offl-23",
        background="Tilbudene fra leverandørene.",
        recommendation="Velg leverandør B.",
        decision="Porteføljerådet velger leverandør B.",
    )


def test_the_public_reads_the_decision_of_an_exempt_case_but_not_the_rest(exempt_case):
    from django.contrib.auth.models import AnonymousUser

    readable = publicity.readable_case(exempt_case, AnonymousUser())
    assert readable["decision"] == "Porteføljerådet velger leverandør B."
    assert readable["background"] is None and readable["recommendation"] is None
    assert readable["exempt_ground"] == "Unntatt etter offentleglova § 23 (forhandlingsposisjon)"


def test_members_of_the_council_read_the_whole_exempt_case(exempt_case, django_user_model):
    member = django_user_model.objects.create_user("medlem")
    MembershipFactory(council=exempt_case.council, person=PersonFactory(user=member))
    outsider = django_user_model.objects.create_user("utenforstaende")
    assert (
        publicity.readable_case(exempt_case, member)["background"]
        == "Tilbudene fra leverandørene."
    )
    assert publicity.readable_case(exempt_case, outsider)["background"] is None


def test_a_former_member_no_longer_reads_exempt_parts(exempt_case, django_user_model):
    import datetime

    former = django_user_model.objects.create_user("tidligere")
    MembershipFactory(
        council=exempt_case.council,
        person=PersonFactory(user=former),
        role=Membership.Role.MEMBER,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    assert publicity.readable_case(exempt_case, former)["background"] is None


def test_an_exempt_case_document_is_not_served_to_the_public(
    client, exempt_case, django_user_model
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from councils.models import CaseDocument

    document = Document.objects.create(
        title="Tilbud", file=ContentFile(b"hemmelig", name="tilbud.txt")
    )
    CaseDocument.objects.create(item=exempt_case, title="Tilbud", document=document)
    response = client.get(document.url)
    assert response.status_code == 403
    assert "unntatt offentlighet" in response.content.decode()

    member = django_user_model.objects.create_user("medlem")
    MembershipFactory(council=exempt_case.council, person=PersonFactory(user=member))
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hemmelig"


def test_a_public_case_document_is_served_to_everyone(client, db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from councils.models import CaseDocument

    document = Document.objects.create(title="Notat", file=ContentFile(b"notat", name="notat.txt"))
    CaseDocument.objects.create(item=AgendaItemFactory(), title="Notat", document=document)
    assert client.get(document.url).status_code == 200
