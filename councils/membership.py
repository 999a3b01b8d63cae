"""Who sits in which council on a given day; who may act for a council."""

from django.db.models import Case, IntegerField, Value, When

from . import dates
from .models import Council, Membership

# Leader first, then deputy, members and the others, as the roles are declared; sorting
# by the stored code would put "nestleder" after "medlem".
ROLE_ORDER = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Membership.Role.values)),
    default=Value(len(Membership.Role.values)),
    output_field=IntegerField(),
)


def members_on(council, day=None):
    """The memberships of `council` in force on `day` (today by default)."""
    day = day or dates.today()
    return (
        council.memberships.filter(dates.in_force_on(day))
        .select_related("person__organisation", "represents")
        .order_by(ROLE_ORDER, "person__name")
    )


def memberships_of(user, day=None):
    """The memberships in force on `day` of the person behind a user account."""
    day = day or dates.today()
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(dates.in_force_on(day), person__user=user)


def secretary_councils(user, day=None):
    """The councils `user` is secretary of on `day`; they may keep those councils' meetings."""
    councils = memberships_of(user, day).filter(role=Membership.Role.SECRETARY)
    return Council.objects.filter(pk__in=councils.values("council"))


def is_member(user, council, day=None):
    """Whether `user` sits in `council` on `day`, in any role."""
    return memberships_of(user, day).filter(council=council).exists()


def membership_problems(membership):
    """What is wrong with a membership, as `{field: message}`: its dates and any overlap."""
    problems = dates.period_problems(membership.starts_on, membership.ends_on)
    if problems or not (membership.person_id and membership.council_id and membership.starts_on):
        return problems
    overlapping = Membership.objects.filter(
        dates.overlaps(membership.starts_on, membership.ends_on),
        person_id=membership.person_id,
        council_id=membership.council_id,
        role=membership.role,
    ).exclude(pk=membership.pk)
    if overlapping.exists():
        problems["starts_on"] = (
            "Personen har allerede denne rollen i rådet i en periode som overlapper."
        )
    return problems
