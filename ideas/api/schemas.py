"""What the API reads and writes. Field names are English (code); descriptions Norwegian.

The schema classes' docstrings become their descriptions in the OpenAPI document that
integrators read, so, unlike other docstrings, they are written in Norwegian.
"""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel, StringConstraints
from pydantic_core import PydanticCustomError

from ideas.workflow import MOVES, State

# The largest primary key the database can hold (BigAutoField); a larger number in a path or
# body would make the database raise rather than find nothing.
MAX_ID = 2**63 - 1
LONG_TEXT = 20_000


def _storable(value: str) -> str:
    # PostgreSQL refuses NUL in text and strings that are not valid Unicode; a 500 from the
    # database must become a 422 here.
    if "\x00" in value:
        raise PydanticCustomError("ideas_nul", "Teksten kan ikke inneholde tegnet NUL.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("ideas_unicode", "Teksten inneholder ugyldige tegn.") from None
    return value


def Text(max_length=LONG_TEXT, description=""):
    """A string the database can store, at most `max_length` characters."""
    extra = [Field(description=description)] if description else []
    return Annotated[
        str, StringConstraints(max_length=max_length), AfterValidator(_storable), *extra
    ]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Text(100)
StateName = Literal[tuple(State.labels)]  # type: ignore[valid-type]
MoveName = Literal[tuple(MOVES)]  # type: ignore[valid-type]


class Ref(Schema):
    """En kommune eller et råd: kortnavnet (slug) og navnet."""

    slug: str
    name: str


class PersonRef(Schema):
    """En person: id og navn."""

    id: int
    name: str


class MoveOut(Schema):
    """Et steg du kan gjøre på idéen nå."""

    name: MoveName = Field(description="Stegets navn; send det som «move».")
    label: str = Field(description="Knappen på nettstedet.")
    target: StateName = Field(description="Statusen idéen får.")
    target_label: str
    body: str = Field(description="Hvem som gjør steget: innmelder, innovasjonsrad, faggruppe …")
    requires: list[str] = Field(
        description=(
            "Hva steget krever: feltene reason, text, follow_up, expert_group, merge_target, "
            "benefits; «complete» (idéen er utfylt) eller «scored» (poengsatt)."
        )
    )


class IdeaSummary(Schema):
    """En idé slik listen viser den."""

    id: int
    url: str = Field(description="Idéens side på nettstedet.")
    title: str
    state: StateName
    state_label: str
    municipality: Ref
    expert_group: Ref | None
    tags: list[str]
    submitter: str = Field(description="Innmelderens navn, om innmelderen har tillatt det.")
    mine: bool = Field(description="Om du sendte inn idéen.")
    version: int = Field(description="Send denne med når du gjør et steg.")
    created_at: datetime
    submitted_at: datetime | None
    updated_at: datetime


class IdeaDetail(IdeaSummary):
    """En idé med alt den sier, og stegene du kan gjøre på den nå."""

    background: str
    problem: str
    benefits: str
    stakeholders: str
    proposal: str
    show_name: bool
    follow_up: PersonRef | None
    merged_into: int | None
    realised_benefits: str
    moves: list[MoveOut]


class CaseRef(Schema):
    """Saken i møtet der vedtaket ble fattet."""

    id: int
    label: str = Field(description="Saksnummeret, f.eks. 12-26.")
    title: str
    council: Ref
    url: str = Field(description="Der saken kan leses: møtets referat eller rådets side.")


class TimelineEntry(Schema):
    """Ett steg idéen har tatt: hvem, for hvilket råd, når, fra, til og hvorfor."""

    id: int
    move: MoveName
    move_label: str
    from_state: StateName
    from_label: str
    to_state: StateName
    to_label: str
    told: str = Field(description="Hva som skjedde, med ord ment for innmelderen.")
    reason: str
    text: str
    actor: str
    acting_for: Ref | None = Field(description="Rådet steget ble gjort på vegne av.")
    at: datetime
    case: CaseRef | None


class MoveResult(Schema):
    """Steget som ble gjort, og idéen slik den er nå."""

    transition: TimelineEntry
    idea: IdeaDetail


class Body(BaseModel):
    """Brødteksten i en forespørsel: et JSON-objekt."""

    # A plain pydantic model, not ninja's Schema: Schema reads attributes of any object, so
    # a JSON string would pass for an object whose `title` is str.title().


class IdeaIn(Body):
    """En ny idé: lagres som utkast, eller sendes inn med en gang (`send_in`)."""

    title: Text(200, "Tittel.")
    background: Text(description="Bakgrunn.") = ""
    problem: Text(description="Problemstilling.") = ""
    benefits: Text(description="Mulige gevinster.") = ""
    stakeholders: Text(description="Berørte parter.") = ""
    proposal: Text(description="Løsningsforslag.") = ""
    municipality: Text(100, "Kommunen idéen gjelder: aukra, molde, rauma eller vestnes.")
    tags: list[Text(100)] = Field(default_factory=list, max_length=20, description="Stikkord.")
    show_name: bool = Field(False, description="Om navnet ditt kan vises for alle ansatte.")
    send_in: bool = Field(
        False,
        description=(
            "true: send idéen inn med en gang (da må tittel, bakgrunn, problemstilling og "
            "løsningsforslag være fylt ut); false: lagre som utkast."
        ),
    )


class MoveIn(Body):
    """Et steg på en idé, gjort mot versjonen du leste sist.

    Hvilke felt steget krever, står i idéens «moves».
    """

    move: MoveName
    version: int = Field(ge=0, le=MAX_ID, description="Idéens versjon slik du leste den.")
    reason: Text(description="Begrunnelse; innmelderen får se den.") = ""
    text: Text(description="Vurdering, innstilling, dissens eller hva som er endret.") = ""
    follow_up: Id | None = Field(None, description="Oppfølgingsansvarlig: personens id.")
    expert_group: Slug | None = Field(None, description="Faggruppen idéen sendes til (slug).")
    merge_target: Id | None = Field(None, description="Idéen denne slås sammen med (id).")
    benefits: Text(description="Gevinstene som ble realisert.") = ""
    case: Id | None = Field(None, description="Saken i møtet der vedtaket ble fattet (id).")


class IdeaQuery(Schema):
    """Filtrene og siden i listen."""

    state: StateName | None = Field(None, description="Bare idéer med denne statusen.")
    municipality: Slug | None = Field(None, description="Bare idéer fra kommunen (slug).")
    expert_group: Slug | None = Field(None, description="Bare idéer sendt til faggruppen (slug).")
    tag: Text(100) | None = Field(None, description="Bare idéer med stikkordet.")
    q: Text(200) | None = Field(None, description="Fritekst i tittel og beskrivelse.")
    tasks: bool = Field(False, description="Bare idéer som venter på rådene du sitter i.")
    limit: int = Field(20, ge=1, le=100, description="Hvor mange idéer per side.")
    offset: int = Field(0, ge=0, le=10**9, description="Hvor mange idéer som hoppes over.")


class IdeaPage(Schema):
    """Én side av listen; `count` er hvor mange idéer som passer i alt."""

    count: int
    limit: int
    offset: int
    items: list[IdeaSummary]
