"""The porteføljeråd's part of an idea's page (placeholder until the board is written)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def portfolio_panel(context, idea):
    return ""
