import pytest
from django.core.exceptions import ValidationError

from councils.models import Organisation, municipalities


def test_the_four_municipalities_and_ror_ikt_exist(db):
    assert [m.name for m in municipalities()] == ["Aukra", "Molde", "Rauma", "Vestnes"]
    assert Organisation.objects.get(slug="ror-ikt").kind == Organisation.Kind.PROVIDER


def test_an_organisation_number_must_have_nine_digits(db):
    molde = Organisation.objects.get(slug="molde")
    molde.organisation_number = "12345"
    with pytest.raises(ValidationError) as error:
        molde.full_clean()
    assert error.value.message_dict["organisation_number"] == [
        "Organisasjonsnummeret skal være ni siffer."
    ]


def test_the_home_page_names_the_municipalities(client, sla):
    text = " ".join(client.get("/").content.decode().split())
    assert "Samarbeidet består av Aukra, Molde, Rauma og Vestnes kommuner og ROR-IKT." in text
