from django.urls import path

from . import views_portfolio

urlpatterns = [
    path("", views_portfolio.board, name="portfolio_board"),
    path("rekkefolge/", views_portfolio.order, name="portfolio_order"),
    path("budsjett/", views_portfolio.budget, name="portfolio_budget"),
]
