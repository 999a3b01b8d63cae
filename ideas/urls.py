from django.urls import path

from . import views, views_portfolio

urlpatterns = [
    path("", views.idea_list, name="idea_list"),
    path("ny/", views.idea_new, name="idea_new"),
    path("mine-oppgaver/", views.my_tasks, name="my_tasks"),
    path("ideer.csv", views.idea_export_csv, name="idea_export_csv"),
    path("ideer.xlsx", views.idea_export_xlsx, name="idea_export_xlsx"),
    path("<int:pk>/", views.idea_detail, name="idea_detail"),
    path("<int:pk>/rediger/", views.idea_edit, name="idea_edit"),
    path("<int:pk>/steg/", views.idea_move, name="idea_move"),
    path("<int:pk>/kommentar/", views.idea_comment, name="idea_comment"),
    path("<int:pk>/folg/", views.idea_follow, name="idea_follow"),
    path("<int:pk>/vedlegg/<int:attachment_pk>/", views.idea_attachment, name="idea_attachment"),
    path("<int:pk>/poeng/", views_portfolio.idea_score, name="idea_score"),
    path("<int:pk>/justering/", views_portfolio.idea_adjust, name="idea_adjust"),
]
