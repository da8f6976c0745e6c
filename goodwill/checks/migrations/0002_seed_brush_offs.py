"""The brush-off phrases a brand starts with, per language; managers edit them at /checks/."""

from django.db import migrations

SEED = {
    "en": [
        "contact the warranty company directly",
        "contact the manufacturer directly",
        "contact the insurer directly",
        "contact your insurer directly",
        "contact your insurance company directly",
        "not our responsibility",
        "not our problem",
        "there is nothing we can do",
        "beyond our control",
        "you will have to contact",
    ],
    "fr": [
        "contacter directement la compagnie de garantie",
        "contactez directement la compagnie de garantie",
        "contactez directement le fabricant",
        "contacter directement le fabricant",
        "contactez directement votre assureur",
        "ce n'est pas de notre responsabilité",
        "cela ne relève pas de notre responsabilité",
        "nous ne pouvons rien faire",
    ],
    "de": [
        "wenden Sie sich direkt an die Garantiegesellschaft",
        "wenden Sie sich direkt an den Hersteller",
        "wenden Sie sich direkt an Ihre Versicherung",
        "nicht unsere Verantwortung",
        "liegt nicht in unserer Verantwortung",
        "dafür sind wir nicht zuständig",
        "da können wir nichts machen",
    ],
    "it": [
        "contatti direttamente la compagnia di garanzia",
        "contatti direttamente il produttore",
        "contattare direttamente il produttore",
        "contatti direttamente l'assicurazione",
        "non è nostra responsabilità",
        "non è di nostra competenza",
        "non possiamo fare nulla",
    ],
    "es": [
        "contacte directamente con la compañía de garantía",
        "contacte directamente con el fabricante",
        "póngase en contacto directamente con el fabricante",
        "contacte directamente con su aseguradora",
        "no es nuestra responsabilidad",
        "no podemos hacer nada",
    ],
    "nl": [
        "neem rechtstreeks contact op met de garantiemaatschappij",
        "neem rechtstreeks contact op met de fabrikant",
        "neem direct contact op met de fabrikant",
        "neem rechtstreeks contact op met uw verzekeraar",
        "niet onze verantwoordelijkheid",
        "daar kunnen wij niets aan doen",
    ],
    "pt": [
        "contacte diretamente a companhia de garantia",
        "contacte diretamente o fabricante",
        "entre em contato diretamente com o fabricante",
        "contacte diretamente a sua seguradora",
        "não é da nossa responsabilidade",
        "não podemos fazer nada",
    ],
}


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    BrushOffPhrase = apps.get_model("checks", "BrushOffPhrase")
    for language, phrases in SEED.items():
        for phrase in phrases:
            BrushOffPhrase.objects.get_or_create(language=language, phrase=phrase)


class Migration(migrations.Migration):
    dependencies = [("checks", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
