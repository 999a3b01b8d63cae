from django.db import migrations

ORGANISATIONS = [
    ("Aukra", "aukra", "kommune"),
    ("Molde", "molde", "kommune"),
    ("Rauma", "rauma", "kommune"),
    ("Vestnes", "vestnes", "kommune"),
    ("ROR-IKT", "ror-ikt", "leverandor"),
]


def create_organisations(apps, schema_editor):
    Organisation = apps.get_model("councils", "Organisation")
    for name, slug, kind in ORGANISATIONS:
        Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]

    operations = [migrations.RunPython(create_organisations, migrations.RunPython.noop)]
