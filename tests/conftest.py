import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.cache import cache
from wagtail.models import Locale, Page

from governance.content_loader import load_site
from governance.editorial import APPROVERS, EDITORS, ensure_editorial_setup
from governance.models import SLAPage

PASSWORD = "et-langt-testpassord-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the site's real content, loaded once."""
    with django_db_blocker.unblock():
        ensure_editorial_setup()
        load_site()


@pytest.fixture
def migration_data(transactional_db):
    """What migrations create (the locale, the page tree's root, the organisations).

    A transactional test empties the database when it ends, and pytest-django runs those
    tests last; each one puts back what an earlier one took away.
    """
    if not Locale.objects.exists():
        Locale.objects.create(language_code="nb")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get()))
    organisations = importlib.import_module("councils.migrations.0002_member_organisations")
    organisations.create_organisations(apps, None)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sla(db):
    return SLAPage.objects.get()


@pytest.fixture
def make_user(db, django_user_model):
    from django.contrib.auth.models import Group

    def make(username, group=None, **extra):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.invalid", PASSWORD, **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("redaktor", EDITORS, first_name="Rita", last_name="Redaktør")


@pytest.fixture
def approver(make_user):
    return make_user("godkjenner", APPROVERS, first_name="Gunnar", last_name="Godkjenner")


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")
