from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class GovernanceConfig(AppConfig):
    """The published site: home, SLA, mandates, documents and search."""

    name = "governance"
    verbose_name = "Styringsdokumenter"

    def ready(self):
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from councils.models import Council, Organisation

        from . import page_cache
        from .models import OperationalNotice, Outage, Service, SLAPage
        from .service_desk_recompute import recompute_for_version
        from .versions import rebuild_section_index, record_published_version

        def sla_published(sender, instance, revision, **kwargs):
            version = record_published_version(instance, revision)
            rebuild_section_index(instance)
            # The stored deadlines of Kundeservice's cases follow the version in force.
            recompute_for_version(version)

        def content_changed(sender, instance=None, **kwargs):
            if sender in shown_models or isinstance(instance, Page):
                page_cache.invalidate()
                # Again when the change is committed, or a reader in between would put
                # the old page back in the cache.
                transaction.on_commit(page_cache.invalidate)

        # Everything the public pages show; a change to any of it ends the cached copies.
        shown_models = (
            Site,
            PageViewRestriction,
            Organisation,
            Council,
            Service,
            Outage,
            OperationalNotice,
        )
        page_published.connect(sla_published, sender=SLAPage, dispatch_uid="sla_published")
        for signal in (page_published, page_unpublished, post_page_move, post_save, post_delete):
            signal.connect(content_changed, dispatch_uid=f"page_cache_{id(signal)}")
