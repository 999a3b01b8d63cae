from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from governance.views import catalogue, councils, search

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("ideer/", include("ideas.urls")),
    path("portefolje/", include("ideas.portfolio_urls")),
    path("api/v1/", include("ideas.api.urls")),
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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
