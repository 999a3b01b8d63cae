from django.apps import AppConfig


class IdeasConfig(AppConfig):
    """Employees' ideas and their way through the councils."""

    name = "ideas"
    verbose_name = "Idéer"
