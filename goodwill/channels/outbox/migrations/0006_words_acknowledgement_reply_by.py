"""The acknowledgement says when the client will hear from us ({{ reply_by }}) and thanks a caller
for their call ({{ by_phone }}): the stored acknowledgement templates take the new default words,
where managers had not rewritten them (a template still word for word the old default)."""

from django.db import migrations

# The acknowledgement's words before this migration, (language) -> (subject, body).
OLD = {
    ("acknowledgement", "en"): (
        "We have received your message [{{ reference }}]",
        "Dear {{ greeting_name }},\n\nThank you for writing to us: we have received your message. "
        "{{ advisor }} will handle it personally and will come back to you shortly.\n\nYour case "
        "reference is {{ reference }}. You can simply reply to this e-mail to add anything.\n\n"
        "Kind regards,\n{{ brand }} Client Care\n",
    ),
    ("acknowledgement", "fr"): (
        "Nous avons bien reçu votre message [{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\nMerci de nous avoir écrit : nous avons bien reçu votre "
        "message. {{ advisor }} s'en occupe personnellement et reviendra vers vous très vite.\n\n"
        "La référence de votre dossier est {{ reference }}. Il vous suffit de répondre à ce "
        "message pour ajouter quoi que ce soit.\n\nBien cordialement,\nService clients "
        "{{ brand }}\n",
    ),
    ("acknowledgement", "de"): (
        "Wir haben Ihre Nachricht erhalten [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\nvielen Dank für Ihre Nachricht, die wir erhalten haben. "
        "{{ advisor }} kümmert sich persönlich darum und meldet sich in Kürze bei Ihnen.\n\n"
        "Ihre Fallnummer lautet {{ reference }}. Antworten Sie einfach auf diese E-Mail, "
        "wenn Sie etwas ergänzen möchten.\n\nMit freundlichen Grüßen\n{{ brand }} Kundenservice\n",
    ),
    ("acknowledgement", "it"): (
        "Abbiamo ricevuto il suo messaggio [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\ngrazie per averci scritto: abbiamo ricevuto il suo "
        "messaggio. {{ advisor }} se ne occuperà personalmente e la ricontatterà a breve.\n\nIl "
        "riferimento della sua pratica è {{ reference }}. Può semplicemente rispondere a questa "
        "e-mail per aggiungere qualsiasi cosa.\n\nCordiali saluti,\nServizio clienti {{ brand }}\n",
    ),
}


def update(apps, schema_editor):  # type: ignore[no-untyped-def]
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in OLD.items():
        new_subject, new_body = DEFAULT_TEMPLATES[name, language]
        MessageTemplate.objects.filter(
            name=name, language=language, subject=subject, body=body
        ).update(subject=new_subject, body=new_body)


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0005_words_reason_and_held_back"),
    ]

    operations = [
        migrations.RunPython(update, migrations.RunPython.noop),
    ]
