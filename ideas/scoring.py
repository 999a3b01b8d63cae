"""How the porteføljeråd scores ideas: five criteria, 1–5, each level with a meaning.

A member's score is the mean of their five criteria; the idea's score is the mean of
its members' scores plus an adjustment (with a reason), and its band follows from it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Criterion:
    field: str
    label: str
    levels: dict  # level (1–5) → what it means


CRITERIA = [
    Criterion(
        "strategic_value",
        "Strategisk verdi",
        {
            1: "Støtter ingen av målene i den felles digitaliseringsstrategien.",
            2: "Støtter målene i liten grad.",
            3: "Støtter ett mål i strategien.",
            4: "Støtter flere mål i strategien.",
            5: "Er sentral for å nå strategiens viktigste mål.",
        },
    ),
    Criterion(
        "qualitative_benefit",
        "Kvalitativ gevinst",
        {
            1: "Ingen merkbar forbedring for innbyggere eller ansatte.",
            2: "Liten forbedring for få.",
            3: "Tydelig forbedring for en tjeneste.",
            4: "Tydelig forbedring for flere tjenester.",
            5: "Stor forbedring i kvalitet for mange innbyggere eller ansatte.",
        },
    ),
    Criterion(
        "economic_benefit",
        "Økonomisk gevinst",
        {
            1: "Ingen innsparing, eller økte kostnader.",
            2: "Liten innsparing, vanskelig å måle.",
            3: "Målbar innsparing i én kommune.",
            4: "Målbar innsparing i flere kommuner.",
            5: "Stor innsparing som dekker investeringen raskt.",
        },
    ),
    Criterion(
        "operational_need",
        "Operasjonelt behov/lovpålagt",
        {
            1: "Ønskelig, men ikke nødvendig.",
            2: "Nyttig for driften.",
            3: "Viktig for å løse dagens oppgaver.",
            4: "Nødvendig for å opprettholde tjenesten.",
            5: "Lovpålagt.",
        },
    ),
    Criterion(
        "risk",
        "Risiko",
        {
            1: "Svært høy risiko.",
            2: "Høy risiko.",
            3: "Middels risiko.",
            4: "Lav risiko.",
            5: "Svært lav risiko.",
        },
    ),
]
CRITERION_FIELDS = [criterion.field for criterion in CRITERIA]

# The lowest score that gives each band, highest band first.
BANDS = [
    (Decimal("4.0"), "Må ha"),
    (Decimal("3.0"), "Bør ha"),
    (Decimal("2.0"), "Kan ha"),
    (Decimal("0"), "Skal ikke ha"),
]
MAX_ADJUSTMENT = Decimal("1.0")
TWO_PLACES = Decimal("0.01")


def member_score(score):
    """One member's score: the mean of their five criteria."""
    return Decimal(sum(getattr(score, f) for f in CRITERION_FIELDS)) / len(CRITERION_FIELDS)


def idea_score(mean_of_members, adjustment=Decimal(0)):
    """The idea's score from the members' mean and the council's adjustment; None unscored."""
    if mean_of_members is None:
        return None
    value = Decimal(str(mean_of_members)) + Decimal(adjustment)
    return min(max(value, Decimal(1)), Decimal(5)).quantize(TWO_PLACES, ROUND_HALF_UP)


def band(value):
    """Må ha, Bør ha, Kan ha or Skal ikke ha for a score; "" when there is none."""
    if value is None:
        return ""
    return next(label for lowest, label in BANDS if value >= lowest)


def adjustment_problems(adjustment, reason):
    """Norwegian messages for an adjustment outside ±1 or one without a reason."""
    problems = {}
    if abs(Decimal(adjustment)) > MAX_ADJUSTMENT:
        problems["score_adjustment"] = "Justeringen kan være høyst ett poeng opp eller ned."
    if Decimal(adjustment) != 0 and not (reason or "").strip():
        problems["score_adjustment_reason"] = "Skriv hvorfor poengsummen justeres."
    return problems
