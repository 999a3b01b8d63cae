"""What of a case the public may read (offentleglova), and who may read the rest."""

from .membership import is_member


def may_read_exempt(user, council, day=None):
    """Members of the council (on the day) and staff keeping the councils read exempt parts."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_perm("councils.change_agendaitem") or is_member(user, council, day)


def readable_case(item, user):
    """The parts of a case `user` may read, as a dict; an exempt case keeps its decision public."""
    full = not item.is_exempt or may_read_exempt(user, item.council)
    documents = [d for d in item.documents.all() if full or not d.is_exempt]
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
