"""Who may act on an idea, derived from council membership on the day of the action.

An innovasjonsråd member acts for ideas of their own municipality, a faggruppe member
for ideas sent to that faggruppe, porteføljeråd and samarbeidsråd members for ideas
before their council; the submitter makes the submitter's moves. No list of
permissions is kept by hand.
"""

from councils import dates
from councils.membership import memberships_of
from councils.models import Council

from .workflow import MOVES, QUEUES, Body, State

# Where the submitter may still change what the idea says (ideas.services.save_draft).
EDITABLE = frozenset({State.DRAFT, State.RETURNED})


class Authority:
    """The councils a user sits in on a day, read once, to answer many questions."""

    def __init__(self, user, day=None):
        self.user = user
        self.day = day or dates.today()
        seats = memberships_of(user, self.day).select_related("council")
        self.councils = {seat.council for seat in seats}

    def council_for(self, idea, body):
        """The council through which this user may act as `body` on `idea`, or None."""
        for council in self.councils:
            if body == Body.INNOVATION and council.kind == Council.Kind.INNOVATION:
                if council.municipality_id == idea.municipality_id:
                    return council
            elif body == Body.EXPERT_GROUP and council.kind == Council.Kind.EXPERT_GROUP:
                if council.pk == idea.expert_group_id:
                    return council
            elif body == Body.PORTFOLIO and council.kind == Council.Kind.PORTFOLIO:
                return council
            elif body == Body.COOPERATION and council.kind == Council.Kind.COOPERATION:
                return council
        return None

    def is_submitter(self, idea):
        return self.user.is_authenticated and idea.submitter_id == self.user.pk

    def may_edit(self, idea):
        """The submitter may change their idea while it is a draft or returned to them."""
        return self.is_submitter(idea) and idea.state in EDITABLE

    def comment_author(self, comment, idea):
        """Who wrote a comment, as this user may read it: the submitter's own comments would
        otherwise reveal a name they chose not to show."""
        if idea.submitter_id is not None and comment.author_id == idea.submitter_id:
            return self.submitter_name(idea)
        return comment.author_name

    def may_make(self, idea, move):
        """Whether the user may make `move` on `idea` now (state and authority)."""
        if idea.state not in move.sources:
            return False
        if move.body == Body.SUBMITTER:
            return self.is_submitter(idea)
        return self.council_for(idea, move.body) is not None

    def moves(self, idea):
        """The moves this user may make on `idea`, in the transition table's order."""
        return [move for move in MOVES.values() if self.may_make(idea, move)]

    def may_view(self, idea):
        """Every logged-in employee sees every idea, except other people's drafts."""
        if not self.user.is_authenticated:
            return False
        return idea.state != State.DRAFT or self.is_submitter(idea)

    def viewable(self):
        """`may_view` as a queryset filter, so a list shows what a page would."""
        from django.db.models import Q

        if not self.user.is_authenticated:
            return Q(pk__in=[])
        return ~Q(state=State.DRAFT) | Q(submitter=self.user.pk)

    def submitter_name(self, idea):
        """The submitter's name as this user may read it: hidden unless they agreed to show it,
        except to the submitter themselves."""
        return idea.submitter_name if self.is_submitter(idea) else idea.shown_submitter

    def actor_name(self, transition, idea):
        """Who made a move, as this user may read it. Council members act in office, by name;
        the submitter's own moves (send in, withdraw) would otherwise reveal a hidden name."""
        move = MOVES.get(transition.move)
        if move is not None and move.body == Body.SUBMITTER:
            return self.submitter_name(idea)
        return transition.actor_name

    def sits_in(self, kind):
        return any(council.kind == kind for council in self.councils)

    def queue_filters(self):
        """`[(council, Q)]`: for each of the user's councils, the ideas waiting for it."""
        from django.db.models import Q

        filters = []
        for council in self.councils:
            if council.kind == Council.Kind.INNOVATION:
                q = Q(state__in=QUEUES[Body.INNOVATION], municipality=council.municipality_id)
            elif council.kind == Council.Kind.EXPERT_GROUP:
                q = Q(state__in=QUEUES[Body.EXPERT_GROUP], expert_group=council.pk)
            elif council.kind == Council.Kind.PORTFOLIO:
                q = Q(state__in=QUEUES[Body.PORTFOLIO])
            else:
                q = Q(state__in=QUEUES[Body.COOPERATION])
            filters.append((council, q))
        return filters


def council_members_for(idea, body, day=None):
    """The councils that make up `body` for `idea` (whose members get its queue's e-mail)."""
    if body == Body.INNOVATION:
        return Council.objects.filter(kind=Council.Kind.INNOVATION, municipality=idea.municipality)
    if body == Body.EXPERT_GROUP:
        return Council.objects.filter(pk=idea.expert_group_id)
    if body == Body.PORTFOLIO:
        return Council.objects.filter(kind=Council.Kind.PORTFOLIO)
    if body == Body.COOPERATION:
        return Council.objects.filter(kind=Council.Kind.COOPERATION)
    return Council.objects.none()
