from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    """The organisation: municipalities, ROR-IKT, and (later) councils and people."""

    name = "councils"
    verbose_name = "Organisasjon"
