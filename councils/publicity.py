"""What of a case the public may read (offentleglova), and who may read the rest."""

from .membership import is_member


def may_read_exempt(user, council, day=None):
    """Members of the council (on the day) and staff keeping the councils read exempt parts."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_perm("councils.change_agendaitem") or is_member(user, council, day)


def readable_case(item, user):
    """The parts of a case `user` may read, as a dict; an exempt case keeps its decision public.

    An exempt document is withheld from the public also when the case itself is public.
    """
    return _readable_parts(item, _needs_access(item) and may_read_exempt(user, item.council))


def readable_cases(items, user):
    """`readable_case` for each case, asking once per council whether `user` may read exempt
    parts, so a meeting with many exempt cases costs no more queries than one with few."""
    access = {}
    readable = []
    for item in items:
        if _needs_access(item) and item.council_id not in access:
            access[item.council_id] = may_read_exempt(user, item.council)
        readable.append(_readable_parts(item, access.get(item.council_id, False)))
    return readable


def _needs_access(item):
    return item.is_exempt or any(d.is_exempt for d in item.documents.all())


def _readable_parts(item, may_read):
    full = not item.is_exempt or may_read
    documents = [d for d in item.documents.all() if may_read or not d.is_exempt]
    return {
        "item": item,
        "exempt": item.is_exempt,
        "exempt_ground": item.get_exempt_ground_display() if item.is_exempt else "",
        "background": item.background if full else None,
        "recommendation": item.recommendation if full else None,
        "dissent": item.dissent if full else None,
        "decision": item.decision,
        "votes": list(item.votes.all()),
        "documents": documents,
        "withheld_documents": len(item.documents.all()) - len(documents),
    }


def may_download(document, user):
    """Whether `user` may fetch a document file; one attached exempt to a case is withheld.

    A document is exempt where it is attached as exempt, or to an exempt case; then
    only those who may read the exempt parts of that case's council may fetch it.
    """
    from .models import CaseDocument

    attachments = CaseDocument.objects.filter(document=document).select_related("item__council")
    return all(
        may_read_exempt(user, attachment.item.council)
        for attachment in attachments
        if attachment.is_exempt or attachment.item.is_exempt
    )
