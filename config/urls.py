from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from governance import feeds
from governance.views import catalogue, councils, deadlines, search
from governance.views import notices as notice_views
from governance.views import reports as report_views
from governance.views import service_desk as service_desk_views
from governance.views import uptime as uptime_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("ideer/", include("ideas.urls")),
    path("portefolje/", include("ideas.portfolio_urls")),
    path("api/v1/", include("config.api")),
    path("sla/frister/", deadlines.deadlines, name="sla_deadlines"),
    path("sok/", search.search, name="search"),
    path("rad/", councils.structure, name="council_structure"),
    path("rad/<slug:slug>/", councils.council_detail, name="council_detail"),
    path("rad/<slug:slug>/moter/<int:pk>/", councils.meeting_detail, name="meeting_detail"),
    path("vedtak/", councils.decisions, name="decisions"),
    path("tjenestekatalog/", catalogue.service_list, name="service_list"),
    path("tjenestekatalog/<slug:slug>/", catalogue.service_detail, name="service_detail"),
    path("roller/", catalogue.role_overview, name="role_overview"),
    path("roller/roller.csv", catalogue.role_overview_csv, name="role_overview_csv"),
    path("roller/roller.xlsx", catalogue.role_overview_xlsx, name="role_overview_xlsx"),
    path("rapporter/", report_views.report, name="reports"),
    path("rapporter/utskrift/", report_views.report_print, name="report_print"),
    path("rapporter/rapport.xlsx", report_views.report_xlsx, name="report_xlsx"),
    path("rapporter/publiser/", report_views.publish, name="report_publish"),
    path("rapporter/publisert/<int:pk>/", report_views.published_report, name="published_report"),
    path(
        "rapporter/publisert/<int:pk>/rapport.xlsx",
        report_views.published_report_xlsx,
        name="published_report_xlsx",
    ),
    path("kundeservice/", service_desk_views.upload, name="service_desk"),
    path("kundeservice/tall/", service_desk_views.figures, name="service_desk_figures"),
    path("kundeservice/import/<int:pk>/", service_desk_views.receipt, name="service_desk_import"),
    path("oppetid/", uptime_views.overview, name="uptime"),
    path("oppetid/<slug:slug>/", uptime_views.service_uptime, name="uptime_service"),
    path("driftsmeldinger/", notice_views.notice_list, name="notices"),
    path("driftsmeldinger/atom.xml", feeds.NoticeAtomFeed(), name="notices_atom"),
    path("driftsmeldinger/kalender.ics", feeds.notice_calendar, name="notices_ical"),
    path("driftsmeldinger/<int:pk>/", notice_views.notice_detail, name="notice_detail"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
