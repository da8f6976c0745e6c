"""The templates a new installation starts with, in the brand's four languages.

The data migration 0002 copies them into MessageTemplate, where managers edit them. They are
also the last fallback of `templates.render_message`, so a database emptied by `flush` (demo
--reset, transactional tests) still sends sensible words instead of failing.

Context every template may use (channels.outbox.templates.case_context builds it):
  greeting_name  how the client is addressed ("Mr Rossi", or their chosen form)
  client_name    the client's full name
  advisor        who handles the case (its owner), backup the person covering while they are away
  reference      the case reference (GW-2026-000000042)
  case_title     the case's title for the client, in their language (case_summary: the same)
  status         the case's status as the client reads it, in their language
  brand          the brand's name; message / update: free text written by staff
  away_until     the last day the advisor is away (backup_cover), as text
  by_phone       the acknowledgement of a call (else of a written message)
  reply_by       when the client will hear from us by the service level, as text ("" if unknown)
  next_step      suggested_reply: the next thing promised in the ledger, with its day ("" if none)
  promised       suggested_reply: every other open promise of the ledger with its day, one a line
"""

from __future__ import annotations

NAMES = (
    "reply",
    "acknowledgement",
    "status_changed",
    "case_update",
    "backup_cover",
    "suggested_reply",
)
LANGUAGES = ("en", "fr", "de", "it")

# (name, language) -> (subject, body)
DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    # reply: the frame of a message staff write from the case page; {{ message }} is their text.
    ("reply", "en"): (
        "{{ case_title }} [{{ reference }}]",
        "Dear {{ greeting_name }},\n\n{{ message }}\n\nKind regards,\n{{ advisor }}\n{{ brand }} "
        "Client Care\n",
    ),
    ("reply", "fr"): (
        "{{ case_title }} [{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\n{{ message }}\n\nBien cordialement,\n{{ advisor }}\n"
        "Service clients {{ brand }}\n",
    ),
    ("reply", "de"): (
        "{{ case_title }} [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\n{{ message }}\n\nMit freundlichen Grüßen\n"
        "{{ advisor }}\n{{ brand }} Kundenservice\n",
    ),
    ("reply", "it"): (
        "{{ case_title }} [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\n{{ message }}\n\nCordiali saluti,\n{{ advisor }}\n"
        "Servizio clienti {{ brand }}\n",
    ),
    # acknowledgement: once per conversation (intake rule 6); by_phone when a call opened it,
    # reply_by when the client will hear from us by the service level ("" when nothing counts).
    ("acknowledgement", "en"): (
        "We have received your request [{{ reference }}]",
        "Dear {{ greeting_name }},\n\n{% if by_phone %}Thank you for your call: we have noted your "
        "request.{% else %}Thank you for writing to us: we have received your message.{% endif %} "
        "{{ advisor }} will handle it personally and will come back to you {% if reply_by %}by "
        "{{ reply_by }}{% else %}shortly{% endif %}.\n\nYour case reference is {{ reference }}. "
        "You can simply reply to this e-mail to add anything.\n\nKind regards,\n{{ brand }} "
        "Client Care\n",
    ),
    ("acknowledgement", "fr"): (
        "Nous avons bien reçu votre demande [{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\n{% if by_phone %}Merci de votre appel : nous avons bien "
        "noté votre demande.{% else %}Merci de nous avoir écrit : nous avons bien reçu votre "
        "message.{% endif %} {{ advisor }} s'en occupe personnellement et reviendra vers vous "
        "{% if reply_by %}au plus tard {{ reply_by }}{% else %}très vite{% endif %}.\n\n"
        "La référence de votre dossier est {{ reference }}. Il vous suffit de répondre à ce "
        "message pour ajouter quoi que ce soit.\n\nBien cordialement,\nService clients "
        "{{ brand }}\n",
    ),
    ("acknowledgement", "de"): (
        "Wir haben Ihr Anliegen erhalten [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\n{% if by_phone %}vielen Dank für Ihren Anruf: Wir haben "
        "Ihr Anliegen aufgenommen.{% else %}vielen Dank für Ihre Nachricht, die wir erhalten "
        "haben.{% endif %} {{ advisor }} kümmert sich persönlich darum und meldet sich "
        "{% if reply_by %}spätestens {{ reply_by }}{% else %}in Kürze{% endif %} bei Ihnen.\n\n"
        "Ihre Fallnummer lautet {{ reference }}. Antworten Sie einfach auf diese E-Mail, "
        "wenn Sie etwas ergänzen möchten.\n\nMit freundlichen Grüßen\n{{ brand }} Kundenservice\n",
    ),
    ("acknowledgement", "it"): (
        "Abbiamo ricevuto la sua richiesta [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\n{% if by_phone %}grazie per la sua telefonata: abbiamo "
        "preso nota della sua richiesta.{% else %}grazie per averci scritto: abbiamo ricevuto il "
        "suo messaggio.{% endif %} {{ advisor }} se ne occuperà personalmente e la ricontatterà "
        "{% if reply_by %}entro {{ reply_by }}{% else %}a breve{% endif %}.\n\nIl "
        "riferimento della sua pratica è {{ reference }}. Può semplicemente rispondere a questa "
        "e-mail per aggiungere qualsiasi cosa.\n\nCordiali saluti,\nServizio clienti {{ brand }}\n",
    ),
    ("status_changed", "en"): (
        "Your case {{ reference }}: {{ status }}",
        "Dear {{ greeting_name }},\n\nThe status of your case “{{ case_title }}” is now: "
        "{{ status }}.\n\n{{ advisor }} remains your contact for anything you need: simply reply "
        "to this e-mail.\n\nKind regards,\n{{ brand }} Client Care\n",
    ),
    ("status_changed", "fr"): (
        "Votre dossier {{ reference }} : {{ status }}",
        "Bonjour {{ greeting_name }},\n\nVotre dossier « {{ case_title }} » est désormais : "
        "{{ status }}.\n\n{{ advisor }} reste votre interlocuteur pour toute question : il vous "
        "suffit de répondre à ce message.\n\nBien cordialement,\nService clients {{ brand }}\n",
    ),
    ("status_changed", "de"): (
        "Ihr Fall {{ reference }}: {{ status }}",
        "Guten Tag {{ greeting_name }},\n\nder Status Ihres Falls „{{ case_title }}“ lautet "
        "jetzt: {{ status }}.\n\n{{ advisor }} bleibt Ihr Ansprechpartner: Antworten Sie einfach "
        "auf diese E-Mail.\n\nMit freundlichen Grüßen\n{{ brand }} Kundenservice\n",
    ),
    ("status_changed", "it"): (
        "La sua pratica {{ reference }}: {{ status }}",
        "Gentile {{ greeting_name }},\n\nlo stato della sua pratica «{{ case_title }}» è ora: "
        "{{ status }}.\n\n{{ advisor }} resta il suo referente per qualsiasi necessità: basta "
        "rispondere a questa e-mail.\n\nCordiali saluti,\nServizio clienti {{ brand }}\n",
    ),
    ("case_update", "en"): (
        "News about your case [{{ reference }}]",
        "Dear {{ greeting_name }},\n\nHere is where we are with “{{ case_title }}”:\n\n"
        "{{ update }}\n\nWe will keep you informed of every step. If anything is unclear, simply "
        "reply to this e-mail.\n\nKind regards,\n{{ advisor }}\n{{ brand }} Client Care\n",
    ),
    ("case_update", "fr"): (
        "Des nouvelles de votre dossier [{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\nVoici où nous en sommes concernant « {{ case_title }} » "
        ":\n\n{{ update }}\n\nNous vous tiendrons informé de chaque étape. Pour toute question, il "
        "vous suffit de répondre à ce message.\n\nBien cordialement,\n{{ advisor }}\nService "
        "clients {{ brand }}\n",
    ),
    ("case_update", "de"): (
        "Neuigkeiten zu Ihrem Fall [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\nhier der aktuelle Stand zu „{{ case_title }}“:\n\n"
        "{{ update }}\n\nWir informieren Sie über jeden weiteren Schritt. Bei Fragen antworten Sie "
        "einfach auf diese E-Mail.\n\nMit freundlichen Grüßen\n{{ advisor }}\n{{ brand }} "
        "Kundenservice\n",
    ),
    ("case_update", "it"): (
        "Aggiornamento sulla sua pratica [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\necco a che punto siamo con «{{ case_title }}»:\n\n"
        "{{ update }}\n\nLa terremo informata a ogni passo. Per qualsiasi domanda, basta "
        "rispondere a questa e-mail.\n\nCordiali saluti,\n{{ advisor }}\nServizio clienti "
        "{{ brand }}\n",
    ),
    ("backup_cover", "en"): (
        "{{ backup }} is looking after you while {{ advisor }} is away",
        "Dear {{ greeting_name }},\n\nWhile {{ advisor }} is away{% if away_until %} (until "
        "{{ away_until }}){% endif %}, {{ backup }} is looking after you and knows your file. "
        "Simply reply to this e-mail and {{ backup }} will answer.\n\nKind regards,\n{{ brand }} "
        "Client Care\n",
    ),
    ("backup_cover", "fr"): (
        "{{ backup }} prend soin de vous en l'absence de {{ advisor }}",
        "Bonjour {{ greeting_name }},\n\nPendant l'absence de {{ advisor }}{% if away_until %} "
        "(jusqu'au {{ away_until }}){% endif %}, {{ backup }} prend soin de vous et connaît votre "
        "dossier. Il vous suffit de répondre à ce message.\n\nBien cordialement,\nService clients "
        "{{ brand }}\n",
    ),
    ("backup_cover", "de"): (
        "{{ backup }} betreut Sie, während {{ advisor }} abwesend ist",
        "Guten Tag {{ greeting_name }},\n\nwährend {{ advisor }} abwesend ist{% if away_until %} "
        "(bis {{ away_until }}){% endif %}, kümmert sich {{ backup }} um Sie und kennt Ihre "
        "Unterlagen. Antworten Sie einfach auf diese E-Mail.\n\nMit freundlichen Grüßen\n"
        "{{ brand }} Kundenservice\n",
    ),
    ("backup_cover", "it"): (
        "{{ backup }} si occupa di lei durante l'assenza di {{ advisor }}",
        "Gentile {{ greeting_name }},\n\ndurante l'assenza di {{ advisor }}{% if away_until %} "
        "(fino al {{ away_until }}){% endif %}, {{ backup }} si occupa di lei e conosce la sua "
        "pratica. Basta rispondere a questa e-mail.\n\nCordiali saluti,\nServizio clienti "
        "{{ brand }}\n",
    ),
    # suggested_reply: the draft "Suggest a reply" puts in the reply box (checks.drafts), from the
    # case's facts; it promises only what the ledger holds (next_step, promised).
    ("suggested_reply", "en"): (
        "{{ case_title }} [{{ reference }}]",
        "Dear {{ greeting_name }},\n\nHere is where your request stands: {{ status }}.\n\n"
        "{% if next_step %}Next: {{ next_step }}.{% if promised %}\nAs agreed:\n{{ promised }}"
        "{% endif %}{% else %}I will write to you as soon as there is news. If you have a question "
        "in the meantime, simply reply to this e-mail.{% endif %}\n\nKind regards,\n{{ advisor }}"
        "\n{{ brand }} Client Care\n",
    ),
    ("suggested_reply", "fr"): (
        "{{ case_title }} [{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\nVoici où en est votre demande : {{ status }}.\n\n"
        "{% if next_step %}Prochaine étape : {{ next_step }}.{% if promised %}\nComme convenu :\n"
        "{{ promised }}{% endif %}{% else %}Je vous écrirai dès qu'il y aura du nouveau. Pour "
        "toute question d'ici là, il vous suffit de répondre à ce message.{% endif %}\n\nBien "
        "cordialement,\n{{ advisor }}\nService clients {{ brand }}\n",
    ),
    ("suggested_reply", "de"): (
        "{{ case_title }} [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\nso steht es um Ihr Anliegen: {{ status }}.\n\n"
        "{% if next_step %}Nächster Schritt: {{ next_step }}.{% if promised %}\nWie vereinbart:\n"
        "{{ promised }}{% endif %}{% else %}Ich melde mich, sobald es Neues gibt. Wenn Sie bis "
        "dahin eine Frage haben, antworten Sie bitte einfach auf diese E-Mail.{% endif %}\n\nMit "
        "freundlichen Grüßen\n{{ advisor }}\n{{ brand }} Kundenservice\n",
    ),
    ("suggested_reply", "it"): (
        "{{ case_title }} [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\necco a che punto è la sua richiesta: {{ status }}.\n\n"
        "{% if next_step %}Prossimo passo: {{ next_step }}.{% if promised %}\nCome concordato:\n"
        "{{ promised }}{% endif %}{% else %}Le scriverò appena ci saranno novità. Per qualsiasi "
        "domanda nel frattempo, la prego di rispondere a questa e-mail.{% endif %}\n\nCordiali "
        "saluti,\n{{ advisor }}\nServizio clienti {{ brand }}\n",
    ),
}
