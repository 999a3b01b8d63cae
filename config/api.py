"""`/api/v1/`: the site's one API, the ideas API with the SLA's deadlines added.

The ideas app may not import governance, so the two meet here.
"""

from governance.api import router as sla_router
from ideas.api.urls import api

SLA_DESCRIPTION = """

**SLA-frister.** `GET /sla/frister?prioritet=Høy&meldt=2026-03-27T14:00` gir svarfrist og
løsningsfrist for en sak, med begrunnelsen, etter samme regler som siden /sla/frister/.
Dette kallet krever ingen innlogging.
"""

api.title = "Styringsportalen"
api.description += SLA_DESCRIPTION.rstrip()
api.add_router("sla", sla_router)

urlpatterns = api.urls[0]
app_name = api.urls_namespace
