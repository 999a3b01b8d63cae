"""The rules the idea pages rest on: attachments, who may edit, names shown, saving an idea
all or nothing; and the idea form's own checks."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from ideas import services
from ideas.authority import Authority
from ideas.forms import IdeaForm, MoveForm
from ideas.models import Attachment, Comment, Idea
from ideas.workflow import MOVES, State
from tests.councils.factories import organisation
from tests.ideas.factories import IdeaFactory, UserFactory

PDF = b"%PDF-1.7\n"


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


def files_in(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


# Attachments: type by ending and content, size


@pytest.mark.parametrize(
    "name, head",
    [
        ("notat.pdf", PDF),
        ("NOTAT.PDF", PDF),
        ("bilde.png", b"\x89PNG\r\n\x1a\n...."),
        ("foto.jpeg", b"\xff\xd8\xff\xe0"),
        ("foto.jpg", b"\xff\xd8\xff\xdb"),
        ("tekst.docx", b"PK\x03\x04..."),
        ("ark.ods", b"PK\x03\x04..."),
        ("les.txt", "Hei, dette er tekst på bokmål.".encode()),
    ],
)
def test_allowed_files_may_be_attached(name, head):
    assert services.attachment_problem(name, 100, head) == ""


@pytest.mark.parametrize(
    "name, size, head, message",
    [
        ("program.exe", 4, b"MZ\x90\x00", "«program.exe» kan ikke legges ved, fordi filtypen"),
        ("uten-endelse", 4, b"abcd", "«uten-endelse» kan ikke legges ved"),
        ("skript.pdf.js", 4, b"%PDF", "«skript.pdf.js» kan ikke legges ved"),
        ("falsk.pdf", 4, b"MZ\x90\x00", "«falsk.pdf» ser ikke ut til å være en .pdf-fil"),
        ("falsk.docx", 4, b"%PDF", "«falsk.docx» ser ikke ut til å være en .docx-fil"),
        ("binær.txt", 4, b"ab\0c", "«binær.txt» ser ikke ut til å være en .txt-fil"),
        ("tom.pdf", 0, b"", "«tom.pdf» er tom."),
        ("stor.pdf", 10 * 1024 * 1024 + 1, PDF, "«stor.pdf» er for stor (10,0 MB)."),
    ],
)
def test_refused_files_are_named_with_the_reason(name, size, head, message):
    assert services.attachment_problem(name, size, head).startswith(message)


def test_the_limit_itself_is_allowed():
    assert services.attachment_problem("akkurat.pdf", services.MAX_ATTACHMENT_BYTES, PDF) == ""


def test_an_upload_is_read_from_the_start_and_left_at_the_start():
    upload = SimpleUploadedFile("notat.pdf", PDF)
    upload.read(3)
    assert services.upload_problem(upload) == ""
    assert upload.tell() == 0


@pytest.mark.django_db
def test_attached_files_get_the_type_of_their_ending_not_the_browsers_claim(private_files):
    idea = IdeaFactory(state=State.DRAFT, submitted_at=None)
    upload = SimpleUploadedFile("../../etc/notat.pdf", PDF, "text/html")
    (attachment,) = services.attach_files(idea, idea.submitter, [upload])
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "notat.pdf",
        "application/pdf",
        len(PDF),
    )
    assert [path.name for path in files_in(private_files)] == ["notat.pdf"]
    assert str(files_in(private_files)[0]).startswith(str(private_files))


@pytest.mark.django_db
def test_one_bad_file_refuses_them_all(private_files):
    idea = IdeaFactory(state=State.DRAFT, submitted_at=None)
    uploads = [SimpleUploadedFile("ok.pdf", PDF), SimpleUploadedFile("nei.exe", b"MZ")]
    with pytest.raises(services.MoveInvalid) as refused:
        services.attach_files(idea, idea.submitter, uploads)
    assert "«nei.exe»" in refused.value.problems["attachments"]
    assert not Attachment.objects.exists() and files_in(private_files) == []


@pytest.mark.django_db
def test_only_the_submitter_attaches_and_only_while_they_may_edit():
    draft = IdeaFactory(state=State.DRAFT, submitted_at=None)
    with pytest.raises(services.NotAllowed):
        services.attach_files(draft, UserFactory(), [SimpleUploadedFile("a.pdf", PDF)])
    sent = IdeaFactory(state=State.SUBMITTED)
    with pytest.raises(services.NotAllowed):
        services.attach_files(sent, sent.submitter, [SimpleUploadedFile("a.pdf", PDF)])


# Who may edit, and which name is shown


@pytest.mark.django_db
@pytest.mark.parametrize("state", sorted(State.labels))
def test_the_submitter_may_edit_only_a_draft_or_an_idea_returned_to_them(state):
    idea = IdeaFactory(state=state)
    assert Authority(idea.submitter).may_edit(idea) == (state in {State.DRAFT, State.RETURNED})
    assert not Authority(UserFactory()).may_edit(idea)


@pytest.mark.django_db
def test_the_submitters_comments_hide_a_name_they_chose_not_to_show():
    idea = IdeaFactory(submitter_name="Sara Skjult", show_name=False)
    own = Comment(idea=idea, author=idea.submitter, author_name="Sara Skjult", text="Hei")
    other_user = UserFactory()
    other = Comment(idea=idea, author=other_user, author_name="Ola Annen", text="Hei")
    reader = Authority(UserFactory())
    assert reader.comment_author(own, idea) == "Navnet er ikke vist"
    assert reader.comment_author(other, idea) == "Ola Annen"
    assert Authority(idea.submitter).comment_author(own, idea) == "Sara Skjult"
    idea.show_name = True
    assert reader.comment_author(own, idea) == "Sara Skjult"


@pytest.mark.django_db
def test_a_comment_by_no_one_known_keeps_its_name_when_the_submitter_is_gone():
    idea = IdeaFactory(submitter=None, submitter_name="Borte", show_name=False)
    comment = Comment(idea=idea, author=None, author_name="Anonymisert", text="Hei")
    assert Authority(UserFactory()).comment_author(comment, idea) == "Anonymisert"


# Saving an idea and sending it in, all or nothing


def test_sending_in_is_submit_for_a_draft_and_resubmit_when_returned():
    assert services.sending_move(Idea(state=State.DRAFT)) == "submit"
    assert services.sending_move(Idea(state=State.RETURNED)) == "resubmit"


FIELDS = {
    "title": "Tittel",
    "background": "Bakgrunn",
    "problem": "Problem",
    "benefits": "",
    "stakeholders": "",
    "proposal": "Forslag",
}


@pytest.mark.django_db
def test_save_idea_sends_in_with_attachments_in_one_go(private_files):
    user = UserFactory()
    idea = services.save_idea(
        user,
        FIELDS,
        organisation("rauma"),
        ["a"],
        True,
        uploads=[SimpleUploadedFile("n.pdf", PDF)],
        send=True,
    )
    idea.refresh_from_db()
    assert (idea.state, idea.version, idea.show_name) == (State.SUBMITTED, 1, True)
    assert idea.attachments.count() == 1 and list(idea.tags.names()) == ["a"]


@pytest.mark.django_db
def test_a_refused_send_leaves_no_idea_and_no_file_behind(private_files):
    user = UserFactory()
    with pytest.raises(services.MoveInvalid) as refused:
        services.save_idea(
            user,
            {**FIELDS, "problem": " "},
            organisation("molde"),
            uploads=[SimpleUploadedFile("n.pdf", PDF)],
            send=True,
        )
    assert set(refused.value.problems) == {"problem"}
    assert not Idea.objects.exists() and not Attachment.objects.exists()
    assert files_in(private_files) == []


@pytest.mark.django_db
def test_a_refused_resend_keeps_the_returned_idea_as_it_was(private_files):
    idea = IdeaFactory(state=State.RETURNED, version=3, title="Gammel")
    with pytest.raises(services.MoveInvalid) as refused:
        services.save_idea(
            idea.submitter,
            {**FIELDS, "title": "Ny"},
            idea.municipality,
            idea=idea,
            uploads=[SimpleUploadedFile("n.pdf", PDF)],
            send=True,
            note="",
        )
    assert set(refused.value.problems) == {"text"}
    idea.refresh_from_db()
    assert (idea.title, idea.state) == ("Gammel", State.RETURNED)
    assert files_in(private_files) == []


# The idea form and the move form


def idea_form(**data):
    return IdeaForm({"title": "T", "municipality": organisation("molde").pk, **data})


@pytest.mark.django_db
def test_tags_are_split_on_commas_and_checked():
    form = idea_form(tags='skole, "to ord", skole')
    assert form.is_valid() and sorted(form.cleaned_data["tags"]) == ["skole", "to ord"]
    form = idea_form(tags="x" * 101)
    assert not form.is_valid()
    assert form.errors["tags"] == [
        "Et stikkord kan ha høyst 100 tegn. Husk komma mellom stikkordene."
    ]
    form = idea_form(tags=", ".join(f"t{n}" for n in range(11)))
    assert form.errors["tags"] == ["Bruk høyst 10 stikkord."]


@pytest.mark.django_db
def test_the_municipality_must_be_one_of_the_four():
    form = IdeaForm({"title": "T", "municipality": organisation("ror-ikt").pk})
    assert form.errors["municipality"] == ["Velg en av de fire kommunene i listen."]
    assert IdeaForm({"title": "T"}).errors["municipality"] == ["Velg kommunen du jobber i."]


@pytest.mark.django_db
def test_a_person_at_ror_ikt_gets_no_municipality_by_default():
    from tests.councils.factories import PersonFactory

    user = UserFactory()
    PersonFactory(user=user, organisation=organisation("ror-ikt"))
    assert IdeaForm.initial_for(None, user) == {"municipality": None}


@pytest.mark.django_db
def test_a_move_form_gives_the_services_what_the_user_chose():
    idea = IdeaFactory(state=State.TRIAGE, version=2)
    form = MoveForm(MOVES["return"], idea, None, {"return-version": "2", "return-reason": " Mer "})
    assert form.is_valid()
    given = form.move_input()
    assert (given.reason, given.case, form.cleaned_data["version"]) == ("Mer", None, 2)
    assert "case" not in form.fields  # the submitter's moves name no council case
