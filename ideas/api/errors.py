"""Every refusal of the API as one JSON shape, in Norwegian: `{"detail", "problems", "version"}`.

The rules themselves are in `ideas.services` and `ideas.authority`; here their exceptions,
and ninja's own (authentication, validation, unreadable JSON), become HTTP statuses.
"""

from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from ideas.services import IdeaChanged, IdeaError, MoveInvalid, NotAllowed


# The docstring is the schema's description in the OpenAPI document, so it is Norwegian.
class Problem(Schema):
    """Hvorfor forespørselen ble avvist."""

    detail: str = Field(description="Hva som gikk galt, på norsk.")
    problems: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Feil per felt: feltnavn (i brødteksten eller spørringen) → melding. "
            "«__all__» gjelder forespørselen som helhet."
        ),
    )
    version: int | None = Field(
        default=None,
        description="Ved 409: idéens versjon nå. Hent idéen på nytt før du prøver igjen.",
    )


UNAUTHENTICATED = (
    "Du må være logget inn, eller sende et API-token i overskriften "
    "«Authorization: Bearer <token>»."
)
INVALID = "Forespørselen har feil. Se feltene under."
NOT_JSON = "Innholdet i forespørselen er ikke gyldig JSON."

# Ninja names the place of a fault as (source, parameter, field…); integrators know the
# field by its name in the body or the query, so the source and the body's own name go.
SOURCES_WITH_PARAMETER_NAME = {"body"}


def field_key(loc):
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES_WITH_PARAMETER_NAME:
        parts = parts[2:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def validation_message(error):
    """Pydantic's English message for one fault, said in Norwegian."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "Feltet må fylles ut."
    if kind in {"string_type", "string_unicode"}:
        return "Skal være tekst."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "Skal være et heltall."
    if kind in {"bool_type", "bool_parsing"}:
        return "Skal være true eller false."
    if kind in {"list_type", "tuple_type", "set_type"}:
        return "Skal være en liste."
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "Skal være et JSON-objekt."
    if kind == "string_too_long":
        return f"Kan ha høyst {ctx.get('max_length')} tegn."
    if kind == "string_too_short":
        return f"Må ha minst {ctx.get('min_length')} tegn."
    if kind == "too_long":
        return f"Kan ha høyst {ctx.get('max_length')} elementer."
    if kind in {"greater_than_equal", "greater_than"}:
        return f"Skal være minst {ctx.get('ge', ctx.get('gt'))}."
    if kind in {"less_than_equal", "less_than"}:
        return f"Kan være høyst {ctx.get('le', ctx.get('lt'))}."
    if kind in {"literal_error", "enum"}:
        return f"Ukjent verdi. Gyldige verdier: {ctx.get('expected', '')}."
    if kind == "extra_forbidden":
        return "Ukjent felt."
    if kind.startswith("ideas_"):  # our own validators (see schemas.py) speak Norwegian
        return error.get("msg", "Ugyldig verdi.")
    return "Ugyldig verdi."


def problem(api, request, status, detail, problems=None, version=None):
    body = Problem(detail=detail, problems=problems or {}, version=version)
    return api.create_response(request, body.model_dump(), status=status)


def register(api: NinjaAPI):
    """Map the idea rules' refusals and ninja's own errors to statuses and Problem bodies."""

    @api.exception_handler(NotAllowed)
    def not_allowed(request, exc):
        return problem(api, request, 403, exc.message, exc.problems)

    @api.exception_handler(IdeaChanged)
    def idea_changed(request, exc):
        # The endpoint that made the move adds the version the idea has now.
        return problem(api, request, 409, exc.message, version=getattr(exc, "version", None))

    @api.exception_handler(MoveInvalid)
    @api.exception_handler(IdeaError)
    def invalid(request, exc):
        return problem(api, request, 422, exc.message, exc.problems)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(api, request, 404, str(exc) or "Fant ikke det du spurte etter.")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem(api, request, 401, UNAUTHENTICATED)

    @api.exception_handler(ValidationError)
    def validation(request, exc):
        problems = {}
        for error in exc.errors:
            problems.setdefault(field_key(error.get("loc", ())), validation_message(error))
        return problem(api, request, 422, INVALID, problems)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        # Ninja answers an unreadable body with 400 and an English message; it is a
        # validation fault like any other, so it gets 422 and the same shape.
        if isinstance(exc.__cause__, ValueError):
            return problem(api, request, 422, NOT_JSON, {"__all__": NOT_JSON})
        return problem(api, request, exc.status_code, str(exc))
