"""An employee's idea, with the fields Norwegian public bodies know from Prosjektportalen."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from councils.models import Council, Organisation, Person

from ..workflow import State, state_label


def private_storage():
    """Attachments are not public files: they are served only through a permission check."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class IdeaTag(TaggedItemBase):
    content_object = models.ForeignKey("Idea", on_delete=models.CASCADE, related_name="tagged")


class Idea(models.Model):
    """An idea on its way from the submitter through the councils."""

    title = models.CharField("tittel", max_length=200)
    background = models.TextField("bakgrunn", blank=True)
    problem = models.TextField("problemstilling", blank=True)
    benefits = models.TextField("mulige gevinster", blank=True)
    stakeholders = models.TextField("berørte parter", blank=True)
    proposal = models.TextField("løsningsforslag", blank=True)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name="kommune",
        on_delete=models.PROTECT,
        related_name="ideas",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="innmelder",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    submitter_name = models.CharField("innmelders navn", max_length=150)
    show_name = models.BooleanField("navnet kan vises for alle ansatte", default=False)
    tags = TaggableManager("stikkord", through=IdeaTag, blank=True)

    state = models.CharField("status", max_length=30, choices=State.choices, default=State.DRAFT)
    # Raised by every move; a move made against an older version is refused (ideas.services).
    version = models.PositiveIntegerField(default=0)
    follow_up = models.ForeignKey(
        Person,
        verbose_name="oppfølgingsansvarlig",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_up_ideas",
    )
    expert_group = models.ForeignKey(
        Council,
        verbose_name="faggruppe",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
        limit_choices_to={"kind": Council.Kind.EXPERT_GROUP},
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="slått sammen med",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_ideas",
    )
    concerns = models.ManyToManyField(
        Organisation,
        verbose_name="gjelder kommunene",
        blank=True,
        related_name="concerning_ideas",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    estimated_cost = models.DecimalField(
        "anslått kostnad (kr)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    score_adjustment = models.DecimalField(
        "justering av poengsum", max_digits=3, decimal_places=2, default=0
    )
    score_adjustment_reason = models.TextField("begrunnelse for justering", blank=True)
    portfolio_rank = models.PositiveIntegerField("plass i porteføljen", null=True, blank=True)
    realised_benefits = models.TextField("realiserte gevinster", blank=True)

    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    submitted_at = models.DateTimeField("sendt inn", null=True, blank=True)
    updated_at = models.DateTimeField("sist endret", auto_now=True)

    class Meta:
        verbose_name = "idé"
        verbose_name_plural = "idéer"
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["state", "municipality"]),
            models.Index(fields=["-submitted_at", "-created_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def state_label(self):
        return state_label(self.state)

    @property
    def shown_submitter(self):
        """The submitter as other staff see it: the name only if they agreed to show it."""
        return self.submitter_name if self.show_name else "Navnet er ikke vist"


ALLOWED_ATTACHMENTS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class Attachment(models.Model):
    """A file the submitter attached; only people who may see the idea may fetch it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("fil", upload_to="ideer/%Y/%m/", storage=private_storage)
    name = models.CharField("filnavn", max_length=255)
    size = models.PositiveIntegerField("størrelse (byte)")
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vedlegg"
        verbose_name_plural = "vedlegg"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.name
