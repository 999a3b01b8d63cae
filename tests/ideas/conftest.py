import pytest

from councils.models import Membership
from tests.councils.factories import PersonFactory, organisation
from tests.ideas.factories import (
    IdeaFactory,
    UserFactory,
    cooperation_council,
    expert_group,
    innovation_council,
    member,
    portfolio_council,
)


class World:
    """The councils an idea meets, and one person for every seat that matters."""


@pytest.fixture
def world(db):
    w = World()
    w.ir_molde = innovation_council("molde")
    w.ir_rauma = innovation_council("rauma")
    w.helse = expert_group("helse")
    w.skole = expert_group("skole")
    w.portfolio = portfolio_council()
    w.cooperation = cooperation_council()
    w.submitter = UserFactory(username="innmelder", first_name="Ine", last_name="Innmelder")
    w.users = {
        "innmelder": w.submitter,
        "ir_molde": member(w.ir_molde, "ir_molde"),
        "ir_rauma": member(w.ir_rauma, "ir_rauma"),
        "fg_helse": member(w.helse, "fg_helse"),
        "fg_skole": member(w.skole, "fg_skole"),
        "pr": member(w.portfolio, "pr"),
        "sr": member(w.cooperation, "sr"),
        "utenfor": UserFactory(username="utenfor"),
    }
    w.follow_up = PersonFactory(name="Olav Oppfølger", organisation=organisation("molde"))
    w.role = Membership.Role
    w.idea = lambda **kw: IdeaFactory(submitter=w.submitter, **kw)
    return w
