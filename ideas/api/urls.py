"""The ideas API, its OpenAPI description (`openapi.json`) and docs (`docs`), at `/api/v1/`."""

from ninja import NinjaAPI

from . import errors
from .auth import AUTH
from .endpoints import router

DESCRIPTION = """
API for idéene i Styringsportalen: finn og les idéer, meld inn nye, gjør steg i
behandlingen og les tidslinjen. Du får se og gjøre det samme som på nettstedet: alle
idéer unntatt andres utkast, og bare de stegene rådene du sitter i (på dagen) kan gjøre.

**Innlogging.** Integrasjoner sender et API-token: `Authorization: Bearer <token>`
(en administrator lager det med `manage.py api_tokens`). I nettleseren brukes
innloggingen på nettstedet; da må `POST` ha overskriften `X-CSRFToken` med verdien fra
informasjonskapselen `csrftoken`. Uten gyldig innlogging er svaret 401.

**Versjoner.** Hver idé har en `version` som øker ved hvert steg. Send versjonen du leste
når du gjør et steg; har noen andre rukket å endre idéen, er svaret 409 med versjonen nå.

**Feil** har alltid formen `{"detail": "…", "problems": {"felt": "…"}, "version": null}`,
på norsk: 401 ikke innlogget, 403 ikke lov, 404 finnes ikke (eller du kan ikke se den),
409 endret av andre, 422 noe mangler eller er ugyldig (også ugyldig JSON).
"""

# Ninja describes each response by its English status phrase; integrators read Norwegian.
RESPONSE_DESCRIPTIONS = {
    "200": "OK",
    "201": "Opprettet",
    "401": "Ikke innlogget, eller ukjent eller tilbakekalt token",
    "403": "Ikke lov, eller CSRF-kontrollen feilet",
    "404": "Finnes ikke, eller du kan ikke se den",
    "409": "Idéen er endret av noen andre; svaret har versjonen nå",
    "422": "Noe mangler eller er ugyldig; se «problems»",
}


class IdeasAPI(NinjaAPI):
    """Ninja's API with short operation ids and the responses described in Norwegian."""

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    response["description"] = RESPONSE_DESCRIPTIONS.get(
                        str(status), response["description"]
                    )
        return schema


api = IdeasAPI(
    title="Styringsportalen – idéer",
    version="1.0",
    description=DESCRIPTION.strip(),
    urls_namespace="ideas_api",
    auth=AUTH,
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.register(api)
api.add_router("", router)

# config/api.py adds other apps' routers to this API and builds its URLs from it; ninja
# takes no routers once its URLs exist, so they are not built here.
