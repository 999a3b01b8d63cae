from django.shortcuts import render

from ..forms import SearchForm
from ..search import search_documents


def search(request):
    """/sok/?q=…: the SLA section by section, the mandates and the other documents."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    hits = search_documents(form.cleaned_data["q"]) if form.is_valid() else None
    return render(request, "governance/search.html", {"form": form, "hits": hits})
