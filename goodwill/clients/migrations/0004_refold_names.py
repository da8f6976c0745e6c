"""Name identifiers written with Unidecode's folding, rebuilt with anyascii's.

Search folds what is typed with clients.normalize.folded; a name indexed with the old folding
("Σωκράτης" → "sokrates", "Юлия" → "iuliia") would no longer be found ("sokratis", "yuliya").
Only names with a letter outside ASCII can differ: both foldings leave ASCII as it is.
"""

from django.db import migrations


def refold_names(apps, schema_editor):
    # The live folding on purpose: the index must match what search folds today.
    from goodwill.clients.normalize import name_tokens

    Client = apps.get_model("clients", "Client")
    Identifier = apps.get_model("clients", "Identifier")
    clients = Client.objects.only("id", "site_id", "first_name", "last_name").order_by("id")
    for client in clients.iterator(chunk_size=2000):
        if (client.first_name + client.last_name).isascii():
            continue
        display = f"{client.first_name} {client.last_name}".strip()
        Identifier.objects.filter(client_id=client.id, kind="name").delete()
        Identifier.objects.bulk_create([
            Identifier(client_id=client.id, site_id=client.site_id, kind="name", value=token,
                       display=display)
            for token in name_tokens(client.first_name, client.last_name)
        ], ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("clients", "0003_tier_and_writes_in"),
    ]

    operations = [
        migrations.RunPython(refold_names, migrations.RunPython.noop),
    ]
