"""The templates a new installation starts with, in the ten client languages
(settings.GOODWILL_CLIENT_LANGUAGES: en, fr, de, it, es, pt, nl, ja, zh-hans, ar).

The data migrations 0003 (en, fr, de, it) and 0007 (the six others) copy them into
MessageTemplate, where managers edit them. They are also the last fallback of
`templates.render_message`, so a database emptied by `flush` (demo --reset, transactional
tests) still sends sensible words instead of failing.

Context every template may use (channels.outbox.templates.case_context builds it):
  greeting_name  how the client is addressed ("Mr Rossi", or their chosen form)
  client_name    the client's full name
  advisor        who handles the case (its owner), backup the person covering while they are away
  reference      the case reference (GW-2026-000000042)
  case_title     the case's title for the client, in their language (case_summary: the same)
  status         the case's status as the client reads it, in their language
  brand          the brand's name; message / update: free text written by staff
  away_until     the last day the advisor is away (backup_cover), as text
  previous       advisor_changed: the advisor who looked after the client until now (advisor is
                 the new one, the client's own)
  by_phone       the acknowledgement of a call (else of a written message)
  reply_by       when the client will hear from us by the service level, as text ("" if unknown)
  task           partner_update: what the partner does for the client ("Tow to the dealer")
  partner        partner_update: the partner's name; eta when they expect to arrive, as text
  done, refused  partner_update: "yes" when the task is done, or the partner could not do it
  claim, amount  claim_decision: what the cost was ("Taxi", in the client's language) and its
                 amount with its currency; approved "yes" when reimbursed, else reason: why not
  next_step      suggested_reply: the next thing promised in the ledger, with its day ("" if none)
  promised       suggested_reply: every other open promise of the ledger with its day, one a line
  link           portal_link: the client's private link to their portal; valid_until its last day
  appointment    booking_invite, booking_reminder: the kind of appointment, in the client's
                 language (appointments.wording); site where it is; link the client's private
                 booking page; expires the link's last day; when the appointment's time, as text
  scores         survey_satisfaction, survey_recommendation: one line a score, the score and its
                 one-click link ("5  https://…/s/…/5/"); link the survey's page (a comment, the
                 effort question); stop the link that asks for no more surveys
  work, amount   quote_sent: what work the quote is for and its amount with its currency;
                 quote_until the quote's last day; link the client's private portal link (where
                 they see the photos and decide) and valid_until that link's last day
  (whatsapp_update, whatsapp_call_request: the WhatsApp templates sent outside the 24-hour
  window, channels.messaging; short, one paragraph, each the text approved with the provider)
  campaign_title recall_notice, recall_reminder: the campaign's title and campaign_text its
                 words for the client, in their language; vehicles the affected ones, one a line
                 (with appointment, site, link and expires as for booking_invite)
"""

from __future__ import annotations

NAMES = (
    "reply",
    "acknowledgement",
    "status_changed",
    "case_update",
    "backup_cover",
    "partner_update",
    "suggested_reply",
    "portal_link",
    "claim_decision",
    "booking_invite",
    "booking_reminder",
    "survey_satisfaction",
    "survey_recommendation",
    "quote_sent",
    "recall_notice",
    "recall_reminder",
    "journey_stage",
    "advisor_changed",
    "whatsapp_update",
    "whatsapp_call_request",
)
LANGUAGES = ("en", "fr", "de", "it", "es", "pt", "nl", "ja", "zh-hans", "ar")

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
    # Spanish, Portuguese, Dutch (formal u), Japanese (keigo, 様), Simplified Chinese
    # (尊敬的…此致 敬礼) and Arabic (formal plural كم): each language's own letter
    # conventions, not word for word.
    ("reply", "es"): (
        "{{ case_title }} [{{ reference }}]",
        "Estimado/a {{ greeting_name }}:\n\n{{ message }}\n\nUn cordial saludo,\n{{ advisor }}\n"
        "Atención al cliente de {{ brand }}\n",
    ),
    ("reply", "pt"): (
        "{{ case_title }} [{{ reference }}]",
        "Estimado(a) {{ greeting_name }},\n\n{{ message }}\n\nCom os melhores cumprimentos,\n"
        "{{ advisor }}\nApoio ao Cliente {{ brand }}\n",
    ),
    ("reply", "nl"): (
        "{{ case_title }} [{{ reference }}]",
        "Geachte {{ greeting_name }},\n\n{{ message }}\n\nMet vriendelijke groet,\n{{ advisor }}\n"
        "Klantenservice {{ brand }}\n",
    ),
    ("reply", "ja"): (
        "{{ case_title }} [{{ reference }}]",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
        "誠にありがとうございます。\n"
        "\n{{ message }}\n\n今後とも何卒よろしくお願い申し上げます。\n\n{{ brand }} "
        "カスタマーケア\n{{ advisor }}\n",
    ),
    ("reply", "zh-hans"): (
        "{{ case_title }} [{{ reference }}]",
        "尊敬的{{ greeting_name }}：\n\n您好！\n\n{{ message }}\n\n此致\n敬礼\n\n{{ advisor }}\n"
        "{{ brand }}客户服务中心\n",
    ),
    ("reply", "ar"): (
        "{{ case_title }} [{{ reference }}]",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{{ message }}\n\nمع خالص التحية "
        "والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}\n",
    ),
    ("acknowledgement", "es"): (
        "Hemos recibido su solicitud [{{ reference }}]",
        "Estimado/a {{ greeting_name }}:\n\n{% if by_phone %}Gracias por su llamada: hemos tomado "
        "nota de su solicitud.{% else %}Gracias por escribirnos: hemos recibido su mensaje."
        "{% endif %} {{ advisor }} se ocupará personalmente de su caso y se pondrá en contacto "
        "con usted {% if reply_by %}a más tardar el {{ reply_by }}{% else %}en breve{% endif %}."
        "\n\n"
        "La referencia de su caso es {{ reference }}. Si desea añadir algo, basta con responder a "
        "este correo.\n\nUn cordial saludo,\nAtención al cliente de {{ brand }}\n",
    ),
    ("acknowledgement", "pt"): (
        "Recebemos o seu pedido [{{ reference }}]",
        "Estimado(a) {{ greeting_name }},\n\n{% if by_phone %}Obrigado pelo seu telefonema: "
        "registámos o seu pedido.{% else %}Obrigado por nos ter escrito: recebemos a sua mensagem."
        "{% endif %} {{ advisor }} tratará pessoalmente do seu processo e entrará em contacto "
        "consigo {% if reply_by %}até {{ reply_by }}{% else %}muito em breve{% endif %}.\n\nA "
        "referência do seu processo é {{ reference }}. Para acrescentar qualquer informação, "
        "basta responder a este e-mail.\n\nCom os melhores cumprimentos,\nApoio ao Cliente "
        "{{ brand }}\n",
    ),
    ("acknowledgement", "nl"): (
        "Wij hebben uw verzoek ontvangen [{{ reference }}]",
        "Geachte {{ greeting_name }},\n\n{% if by_phone %}Hartelijk dank voor uw telefoontje: wij "
        "hebben uw verzoek genoteerd.{% else %}Hartelijk dank voor uw bericht, dat wij in goede "
        "orde hebben ontvangen.{% endif %} {{ advisor }} neemt het persoonlijk in behandeling en "
        "neemt {% if reply_by %}uiterlijk {{ reply_by }}{% else %}spoedig{% endif %} contact met "
        "u op.\n\nUw dossiernummer is {{ reference }}. Wilt u iets toevoegen, dan kunt u "
        "eenvoudig op deze e-mail antwoorden.\n\nMet vriendelijke groet,\nKlantenservice "
        "{{ brand }}\n",
    ),
    ("acknowledgement", "ja"): (
        "お問い合わせを承りました [{{ reference }}]",
        "{{ greeting_name }} 様\n\n{% if by_phone %}お電話をいただき、誠にありがとうございます。"
        "ご依頼の内容を承りました。{% else %}お問い合わせをいただき、誠にありがとうございます。"
        "メッセージを確かに受け付けました。{% endif %}担当の{{ advisor }}が責任をもって対応し、"
        "{% if reply_by %}{{ reply_by }}までに{% else %}追って{% endif %}ご連絡いたします。\n\n"
        "お問い合わせ番号は {{ reference }} です。追加でお伝えになりたいことがございましたら、"
        "このメールにそのままご返信ください。\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
        "{{ brand }} カスタマーケア\n",
    ),
    ("acknowledgement", "zh-hans"): (
        "我们已收到您的请求 [{{ reference }}]",
        "尊敬的{{ greeting_name }}：\n\n您好！{% if by_phone %}感谢您的来电，我们已记录您的请求。"
        "{% else %}感谢您的来信，我们已收到您的留言。{% endif %}{{ advisor }}将亲自为您处理，并"
        "{% if reply_by %}于{{ reply_by }}之前{% else %}尽快{% endif %}与您联系。\n\n"
        "您的案件编号为 {{ reference }}。如需补充任何信息，请直接回复此邮件。\n\n此致\n敬礼\n\n"
        "{{ brand }}客户服务中心\n",
    ),
    ("acknowledgement", "ar"): (
        "لقد استلمنا طلبكم [{{ reference }}]",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{% if by_phone %}نشكركم على اتصالكم، وقد "
        "سجّلنا طلبكم.{% else %}نشكركم على رسالتكم، وقد استلمناها.{% endif %} سيتولى {{ advisor }}"
        " متابعة طلبكم شخصيًا، وسيتواصل معكم {% if reply_by %}في موعد أقصاه {{ reply_by }}"
        "{% else %}في أقرب وقت{% endif %}.\n\nالرقم المرجعي لطلبكم هو {{ reference }}. ولإضافة أي "
        "معلومات، يكفي الرد على هذه الرسالة.\n\nمع خالص التحية والتقدير،\nخدمة عملاء {{ brand }}\n",
    ),
    ("status_changed", "es"): (
        "Su caso {{ reference }}: {{ status }}",
        "Estimado/a {{ greeting_name }}:\n\nEl estado de su caso «{{ case_title }}» es ahora: "
        "{{ status }}.\n\n{{ advisor }} sigue a su disposición para cualquier cosa que necesite: "
        "basta con responder a este correo.\n\nUn cordial saludo,\nAtención al cliente de "
        "{{ brand }}\n",
    ),
    ("status_changed", "pt"): (
        "O seu processo {{ reference }}: {{ status }}",
        "Estimado(a) {{ greeting_name }},\n\nO estado do seu processo «{{ case_title }}» é agora: "
        "{{ status }}.\n\n{{ advisor }} continua ao seu dispor para o que precisar: basta "
        "responder a este e-mail.\n\nCom os melhores cumprimentos,\nApoio ao Cliente {{ brand }}\n",
    ),
    ("status_changed", "nl"): (
        "Uw dossier {{ reference }}: {{ status }}",
        "Geachte {{ greeting_name }},\n\nDe status van uw dossier ‘{{ case_title }}’ is nu: "
        "{{ status }}.\n\n{{ advisor }} blijft uw aanspreekpunt voor alles wat u nodig hebt: u "
        "kunt eenvoudig op deze e-mail antwoorden.\n\nMet vriendelijke groet,\nKlantenservice "
        "{{ brand }}\n",
    ),
    ("status_changed", "ja"): (
        "お問い合わせ {{ reference }}：{{ status }}",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
        "誠にありがとうございます。\n"
        "\n「{{ case_title }}」の状況は、現在「{{ status }}」となっております。\n\n"
        "ご不明な点がございましたら、引き続き担当の{{ advisor }}が承ります。"
        "このメールにそのままご返信ください。\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
        "{{ brand }} カスタマーケア\n",
    ),
    ("status_changed", "zh-hans"): (
        "您的案件 {{ reference }}：{{ status }}",
        "尊敬的{{ greeting_name }}：\n\n您好！您的案件“{{ case_title }}”目前的状态为：{{ status }}"
        "。\n\n如有任何需要，{{ advisor }}将继续为您服务，请直接回复此邮件。\n\n此致\n敬礼\n\n"
        "{{ brand }}客户服务中心\n",
    ),
    ("status_changed", "ar"): (
        "طلبكم {{ reference }}: {{ status }}",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nنود إعلامكم بأن حالة طلبكم «"
        "{{ case_title }}» أصبحت الآن: {{ status }}.\n\nيبقى {{ advisor }} في خدمتكم لأي استفسار، "
        "ويكفي الرد على هذه الرسالة.\n\nمع خالص التحية والتقدير،\nخدمة عملاء {{ brand }}\n",
    ),
    ("case_update", "es"): (
        "Novedades sobre su caso [{{ reference }}]",
        "Estimado/a {{ greeting_name }}:\n\nLe informamos de cómo avanza «{{ case_title }}»:\n\n"
        "{{ update }}\n\nLe mantendremos al tanto de cada paso. Si algo no le queda claro, basta "
        "con responder a este correo.\n\nUn cordial saludo,\n{{ advisor }}\nAtención al cliente "
        "de {{ brand }}\n",
    ),
    ("case_update", "pt"): (
        "Novidades sobre o seu processo [{{ reference }}]",
        "Estimado(a) {{ greeting_name }},\n\nEis o ponto da situação sobre «{{ case_title }}»:\n\n"
        "{{ update }}\n\nContinuaremos a informá-lo(a) de cada passo. Se algo não estiver claro, "
        "basta responder a este e-mail.\n\nCom os melhores cumprimentos,\n{{ advisor }}\nApoio ao "
        "Cliente {{ brand }}\n",
    ),
    ("case_update", "nl"): (
        "Nieuws over uw dossier [{{ reference }}]",
        "Geachte {{ greeting_name }},\n\nGraag informeren wij u over de stand van zaken rond ‘"
        "{{ case_title }}’:\n\n{{ update }}\n\nWij houden u van elke stap op de hoogte. Is er "
        "iets onduidelijk, dan kunt u eenvoudig op deze e-mail antwoorden.\n\nMet vriendelijke "
        "groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
    ),
    ("case_update", "ja"): (
        "お問い合わせの進捗のお知らせ [{{ reference }}]",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
        "誠にありがとうございます。\n"
        "\n「{{ case_title }}」の進捗についてご報告いたします。\n\n{{ update }}\n\n"
        "今後も進捗があり次第、ご連絡いたします。ご不明な点がございましたら、"
        "このメールにそのままご返信ください。\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
        "{{ brand }} カスタマーケア\n{{ advisor }}\n",
    ),
    ("case_update", "zh-hans"): (
        "关于您的案件的最新进展 [{{ reference }}]",
        "尊敬的{{ greeting_name }}：\n\n您好！现将“{{ case_title }}”的最新进展告知如下：\n\n"
        "{{ update }}\n\n我们将随时向您通报每一步进展。如有任何疑问，请直接回复此邮件。\n\n此致\n"
        "敬礼\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
    ),
    ("case_update", "ar"): (
        "مستجدات طلبكم [{{ reference }}]",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nيسعدنا إطلاعكم على آخر مستجدات «"
        "{{ case_title }}»:\n\n{{ update }}\n\nسنوافيكم بكل خطوة. وإن كان لديكم أي استفسار، يكفي "
        "الرد على هذه الرسالة.\n\nمع خالص التحية والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}"
        "\n",
    ),
    ("backup_cover", "es"): (
        "{{ backup }} le atenderá durante la ausencia de {{ advisor }}",
        "Estimado/a {{ greeting_name }}:\n\nDurante la ausencia de {{ advisor }}"
        "{% if away_until %} (hasta el {{ away_until }}){% endif %}, {{ backup }} se ocupará de "
        "usted y conoce su expediente. Basta con responder a este correo y {{ backup }} le "
        "contestará.\n\nUn cordial saludo,\nAtención al cliente de {{ brand }}\n",
    ),
    ("backup_cover", "pt"): (
        "{{ backup }} acompanha-o(a) durante a ausência de {{ advisor }}",
        "Estimado(a) {{ greeting_name }},\n\nDurante a ausência de {{ advisor }}"
        "{% if away_until %} (até {{ away_until }}){% endif %}, {{ backup }} acompanhará o seu "
        "processo e conhece todo o seu historial. Basta responder a este e-mail e {{ backup }} "
        "responder-lhe-á.\n\nCom os melhores cumprimentos,\nApoio ao Cliente {{ brand }}\n",
    ),
    ("backup_cover", "nl"): (
        "{{ backup }} helpt u tijdens de afwezigheid van {{ advisor }}",
        "Geachte {{ greeting_name }},\n\nTijdens de afwezigheid van {{ advisor }}"
        "{% if away_until %} (tot en met {{ away_until }}){% endif %} staat {{ backup }} voor u "
        "klaar en is volledig op de hoogte van uw dossier. U kunt eenvoudig op deze e-mail "
        "antwoorden; {{ backup }} reageert dan.\n\nMet vriendelijke groet,\nKlantenservice "
        "{{ brand }}\n",
    ),
    ("backup_cover", "ja"): (
        "{{ advisor }}の不在中は{{ backup }}が担当いたします",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
        "誠にありがとうございます。\n"
        "\n{{ advisor }}の不在中{% if away_until %}（{{ away_until }}まで）{% endif %}は、"
        "{{ backup }}が代わって担当いたします。これまでの経緯も把握しておりますので、"
        "どうぞご安心ください。このメールにご返信いただければ、{{ backup }}"
        "よりご回答いたします。\n\n今後とも何卒よろしくお願い申し上げます。\n\n{{ brand }} "
        "カスタマーケア\n",
    ),
    ("backup_cover", "zh-hans"): (
        "{{ advisor }}外出期间由{{ backup }}为您服务",
        "尊敬的{{ greeting_name }}：\n\n您好！{{ advisor }}外出期间{% if away_until %}（至"
        "{{ away_until }}）{% endif %}，将由{{ backup }}为您服务，{{ backup }}已了解您的全部情况。"
        "请直接回复此邮件，{{ backup }}会及时答复您。\n\n此致\n敬礼\n\n{{ brand }}客户服务中心\n",
    ),
    ("backup_cover", "ar"): (
        "{{ backup }} في خدمتكم أثناء غياب {{ advisor }}",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nأثناء غياب {{ advisor }}"
        "{% if away_until %} (حتى {{ away_until }}){% endif %}، سيتولى {{ backup }} رعايتكم بعد "
        "الاطلاع الكامل على ملفكم. يكفي الرد على هذه الرسالة وسيجيبكم {{ backup }}.\n\nمع خالص "
        "التحية والتقدير،\nخدمة عملاء {{ brand }}\n",
    ),
    # partner_update: a partner's news on their task, told to the client without anyone typing
    # it (assistance.services): on the way with an ETA, done, refused/failed, else accepted.
    ("partner_update", "en"): (
        "{{ task }}: news [{{ reference }}]",
        "Dear {{ greeting_name }},\n\n{% if done %}{{ task }}: done.{% else %}{% if refused %}"
        "{{ task }}: {{ partner }} cannot do it after all. {{ advisor }} is arranging another "
        "solution for you right now.{% else %}{% if eta %}{{ task }}: {{ partner }} is on the "
        "way and expects to be there at {{ eta }}.{% else %}{{ task }}: {{ partner }} has "
        "confirmed it.{% endif %}{% endif %}{% endif %}\n\nWe will tell you of each next step. "
        "You can simply reply to this e-mail.\n\nKind regards,\n{{ advisor }}\n{{ brand }} "
        "Client Care\n",
    ),
    ("partner_update", "fr"): (
        "{{ task }} : du nouveau [{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\n{% if done %}{{ task }} : c'est fait.{% else %}"
        "{% if refused %}{{ task }} : {{ partner }} ne peut finalement pas s'en charger. "
        "{{ advisor }} organise une autre solution pour vous dès maintenant.{% else %}{% if eta %}"
        "{{ task }} : {{ partner }} est en route et prévoit d'arriver à {{ eta }}.{% else %}"
        "{{ task }} : {{ partner }} l'a confirmé.{% endif %}{% endif %}{% endif %}\n\nNous vous "
        "tiendrons informé de chaque étape. Il vous suffit de répondre à ce message.\n\n"
        "Bien cordialement,\n{{ advisor }}\nService clients {{ brand }}\n",
    ),
    ("partner_update", "de"): (
        "{{ task }}: Neuigkeiten [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\n{% if done %}{{ task }}: erledigt.{% else %}"
        "{% if refused %}{{ task }}: {{ partner }} kann den Auftrag leider nicht übernehmen. "
        "{{ advisor }} organisiert sofort eine andere Lösung für Sie.{% else %}{% if eta %}"
        "{{ task }}: {{ partner }} ist unterwegs und voraussichtlich um {{ eta }} bei Ihnen."
        "{% else %}{{ task }}: {{ partner }} hat den Auftrag bestätigt.{% endif %}{% endif %}"
        "{% endif %}\n\nWir informieren Sie über jeden weiteren Schritt. Antworten Sie einfach "
        "auf diese E-Mail.\n\nMit freundlichen Grüßen\n{{ advisor }}\n{{ brand }} "
        "Kundenservice\n",
    ),
    ("partner_update", "it"): (
        "{{ task }}: novità [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\n{% if done %}{{ task }}: fatto.{% else %}{% if refused %}"
        "{{ task }}: {{ partner }} non può occuparsene. {{ advisor }} sta organizzando subito "
        "un'altra soluzione per lei.{% else %}{% if eta %}{{ task }}: {{ partner }} è in viaggio e "
        "prevede di arrivare alle {{ eta }}.{% else %}{{ task }}: {{ partner }} ha confermato."
        "{% endif %}{% endif %}{% endif %}\n\nLa terremo informata a ogni passo. Basta "
        "rispondere a questa e-mail.\n\nCordiali saluti,\n{{ advisor }}\nServizio clienti "
        "{{ brand }}\n",
    ),
    # partner_update in the six other client languages, in each one's own letter conventions.
    ("partner_update", "es"): (
        "{{ task }}: novedades [{{ reference }}]",
        "Estimado/a {{ greeting_name }}:\n\n{% if done %}{{ task }}: completado.{% else %}"
        "{% if refused %}{{ task }}: finalmente {{ partner }} no puede encargarse. {{ advisor }} "
        "ya está organizando otra solución para usted.{% else %}{% if eta %}{{ task }}: "
        "{{ partner }} está en camino y prevé llegar a las {{ eta }}.{% else %}{{ task }}: "
        "{{ partner }} lo ha confirmado.{% endif %}{% endif %}{% endif %}\n\nLe informaremos de "
        "cada paso. Basta con responder a este correo.\n\nUn cordial saludo,\n{{ advisor }}\n"
        "Atención al cliente de {{ brand }}\n",
    ),
    ("partner_update", "pt"): (
        "{{ task }}: novidades [{{ reference }}]",
        "Estimado(a) {{ greeting_name }},\n\n{% if done %}{{ task }}: concluído.{% else %}"
        "{% if refused %}{{ task }}: afinal {{ partner }} não pode tratar do assunto. "
        "{{ advisor }} já está a organizar outra solução para si.{% else %}{% if eta %}"
        "{{ task }}: {{ partner }} está a caminho e prevê chegar às {{ eta }}.{% else %}"
        "{{ task }}: {{ partner }} confirmou.{% endif %}{% endif %}{% endif %}\n\nIremos "
        "informá-lo(a) de cada passo. Basta responder a este e-mail.\n\nCom os melhores "
        "cumprimentos,\n{{ advisor }}\nApoio ao Cliente {{ brand }}\n",
    ),
    ("partner_update", "nl"): (
        "{{ task }}: nieuws [{{ reference }}]",
        "Geachte {{ greeting_name }},\n\n{% if done %}{{ task }}: afgerond.{% else %}"
        "{% if refused %}{{ task }}: {{ partner }} kan dit helaas toch niet verzorgen. "
        "{{ advisor }} regelt nu meteen een andere oplossing voor u.{% else %}{% if eta %}"
        "{{ task }}: {{ partner }} is onderweg en verwacht om {{ eta }} bij u te zijn.{% else %}"
        "{{ task }}: {{ partner }} heeft de opdracht bevestigd.{% endif %}{% endif %}{% endif %}"
        "\n\nWij houden u van elke volgende stap op de hoogte. U kunt eenvoudig op deze e-mail "
        "antwoorden.\n\nMet vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
    ),
    ("partner_update", "ja"): (
        "{{ task }}：進捗のお知らせ [{{ reference }}]",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
        "誠にありがとうございます。\n"
        "\n{% if done %}{{ task }}：完了いたしました。{% else %}{% if refused %}{{ task }}："
        "誠に申し訳ございませんが、{{ partner }}での対応が難しくなりました。ただいま担当の"
        "{{ advisor }}が別の手配を進めております。{% else %}{% if eta %}{{ task }}："
        "{{ partner }}が現在向かっており、{{ eta }}頃に到着する予定です。{% else %}{{ task }}："
        "{{ partner }}より手配完了の連絡がございました。{% endif %}{% endif %}{% endif %}\n\n"
        "今後の進捗も随時ご連絡いたします。このメールにそのままご返信いただけます。\n\n"
        "今後とも何卒よろしくお願い申し上げます。\n\n{{ brand }} カスタマーケア\n"
        "{{ advisor }}\n",
    ),
    ("partner_update", "zh-hans"): (
        "{{ task }}：最新进展 [{{ reference }}]",
        "尊敬的{{ greeting_name }}：\n\n您好！{% if done %}{{ task }}：已完成。{% else %}"
        "{% if refused %}{{ task }}：很抱歉，{{ partner }}无法承接此项服务。{{ advisor }}"
        "正在为您安排其他方案。{% else %}{% if eta %}{{ task }}：{{ partner }}已在途中，预计"
        "{{ eta }}到达。{% else %}{{ task }}：{{ partner }}已确认。{% endif %}{% endif %}"
        "{% endif %}\n\n我们将随时向您通报每一步进展。如有任何问题，请直接回复此邮件。\n\n"
        "此致\n敬礼\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
    ),
    ("partner_update", "ar"): (
        "{{ task }}: مستجدات [{{ reference }}]",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{% if done %}{{ task }}: تم الإنجاز."
        "{% else %}{% if refused %}{{ task }}: نعتذر، لم يعد بإمكان {{ partner }} القيام بذلك. "
        "ويعمل {{ advisor }} الآن على ترتيب حل آخر لكم.{% else %}{% if eta %}{{ task }}: "
        "{{ partner }} في الطريق إليكم، ومن المتوقع الوصول عند الساعة {{ eta }}.{% else %}"
        "{{ task }}: أكّد {{ partner }} الطلب.{% endif %}{% endif %}{% endif %}\n\n"
        "سنوافيكم بكل خطوة تالية، ويكفي الرد على هذه الرسالة.\n\nمع خالص التحية والتقدير،\n"
        "{{ advisor }}\nخدمة عملاء {{ brand }}\n",
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
    ("suggested_reply", "es"): (
        "{{ case_title }} [{{ reference }}]",
        "Estimado/a {{ greeting_name }}:\n\nLe informo de la situación de su solicitud: "
        "{{ status }}.\n\n{% if next_step %}Próximo paso: {{ next_step }}.{% if promised %}\n"
        "Según lo acordado:\n{{ promised }}{% endif %}{% else %}Le escribiré en cuanto haya "
        "novedades. Si mientras tanto tiene alguna pregunta, basta con responder a este correo."
        "{% endif %}\n\nUn cordial saludo,\n{{ advisor }}\nAtención al cliente de {{ brand }}\n",
    ),
    ("suggested_reply", "pt"): (
        "{{ case_title }} [{{ reference }}]",
        "Estimado(a) {{ greeting_name }},\n\nEis o ponto da situação do seu pedido: {{ status }}."
        "\n\n{% if next_step %}Próximo passo: {{ next_step }}.{% if promised %}\nConforme "
        "combinado:\n{{ promised }}{% endif %}{% else %}Escrever-lhe-ei assim que houver "
        "novidades. Se entretanto tiver alguma questão, basta responder a este e-mail."
        "{% endif %}\n\nCom os melhores cumprimentos,\n{{ advisor }}\nApoio ao Cliente "
        "{{ brand }}\n",
    ),
    ("suggested_reply", "nl"): (
        "{{ case_title }} [{{ reference }}]",
        "Geachte {{ greeting_name }},\n\nDit is de stand van zaken van uw verzoek: {{ status }}."
        "\n\n{% if next_step %}Volgende stap: {{ next_step }}.{% if promised %}\nZoals "
        "afgesproken:\n{{ promised }}{% endif %}{% else %}Ik schrijf u zodra er nieuws is. Hebt "
        "u in de tussentijd een vraag, dan kunt u eenvoudig op deze e-mail antwoorden."
        "{% endif %}\n\nMet vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
    ),
    ("suggested_reply", "ja"): (
        "{{ case_title }} [{{ reference }}]",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
        "誠にありがとうございます。\n"
        "\nお問い合わせの現在の状況は「{{ status }}」です。\n\n{% if next_step %}次の予定："
        "{{ next_step }}。{% if promised %}\nお約束の内容：\n{{ promised }}{% endif %}{% else %}"
        "進捗があり次第、改めてご連絡いたします。ご不明な点がございましたら、このメールに"
        "そのままご返信ください。{% endif %}\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
        "{{ brand }} カスタマーケア\n{{ advisor }}\n",
    ),
    ("suggested_reply", "zh-hans"): (
        "{{ case_title }} [{{ reference }}]",
        "尊敬的{{ greeting_name }}：\n\n您好！您的请求目前的状态为：{{ status }}。\n\n"
        "{% if next_step %}下一步：{{ next_step }}。{% if promised %}\n按照约定：\n{{ promised }}"
        "{% endif %}{% else %}一有新进展，我会立即写信告知您。如在此期间有任何疑问，请直接回复此"
        "邮件。{% endif %}\n\n此致\n敬礼\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
    ),
    ("suggested_reply", "ar"): (
        "{{ case_title }} [{{ reference }}]",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nنود إعلامكم بأن حالة طلبكم الآن: "
        "{{ status }}.\n\n{% if next_step %}الخطوة التالية: {{ next_step }}.{% if promised %}\n"
        "كما اتفقنا:\n{{ promised }}{% endif %}{% else %}سأكتب إليكم فور وجود أي جديد، وإن كان "
        "لديكم أي استفسار في الأثناء، يكفي الرد على هذه الرسالة.{% endif %}\n\nمع خالص التحية "
        "والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}\n",
    ),
    # portal_link: the client's private link to their own page (goodwill.portal), asked for by them
    # or sent by staff; no case (reference, case_title and status are empty).
    ("portal_link", "en"): (
        "Your {{ brand }} client page",
        "Dear {{ greeting_name }},\n\nHere is your private link to your {{ brand }} client page, "
        "where you can follow your requests and write to us:\n\n{{ link }}\n\nIt works until "
        "{{ valid_until }}. Please keep it to yourself: whoever has it can open your page. If you "
        "did not ask for it, simply ignore this e-mail.\n\nKind regards,\n{{ brand }} Client "
        "Care\n",
    ),
    ("portal_link", "fr"): (
        "Votre espace client {{ brand }}",
        "Bonjour {{ greeting_name }},\n\nVoici votre lien personnel vers votre espace client "
        "{{ brand }}, où vous pouvez suivre vos demandes et nous écrire :\n\n{{ link }}\n\nIl "
        "est valable jusqu'au {{ valid_until }}. Gardez-le pour vous : toute personne qui le "
        "possède peut ouvrir votre espace. Si vous ne l'avez pas demandé, ignorez simplement ce "
        "message.\n\nBien cordialement,\nService clients {{ brand }}\n",
    ),
    ("portal_link", "de"): (
        "Ihre persönliche {{ brand }} Kundenseite",
        "Guten Tag {{ greeting_name }},\n\nhier ist Ihr persönlicher Link zu Ihrer {{ brand }} "
        "Kundenseite, auf der Sie Ihre Anliegen verfolgen und uns schreiben können:\n\n"
        "{{ link }}\n\nEr gilt bis zum {{ valid_until }}. Bitte geben Sie ihn nicht weiter: Wer "
        "ihn hat, kann Ihre Seite öffnen. Falls Sie ihn nicht angefordert haben, ignorieren Sie "
        "diese E-Mail einfach.\n\nMit freundlichen Grüßen\n{{ brand }} Kundenservice\n",
    ),
    ("portal_link", "it"): (
        "La sua pagina cliente {{ brand }}",
        "Gentile {{ greeting_name }},\n\necco il suo link personale alla pagina cliente "
        "{{ brand }}, dove può seguire le sue richieste e scriverci:\n\n{{ link }}\n\nÈ "
        "valido fino al {{ valid_until }}. La preghiamo di non condividerlo: chi lo possiede può "
        "aprire la sua pagina. Se non l'ha richiesto, ignori semplicemente questa e-mail.\n\n"
        "Cordiali saluti,\nServizio clienti {{ brand }}\n",
    ),
    ("portal_link", "es"): (
        "Su página de cliente de {{ brand }}",
        "Estimado/a {{ greeting_name }}:\n\nLe enviamos su enlace personal a su página de "
        "cliente de {{ brand }}, donde puede seguir sus solicitudes y escribirnos:\n\n"
        "{{ link }}\n\nEs válido hasta el {{ valid_until }}. No lo comparta: quien lo tenga "
        "puede abrir su página. Si no lo ha solicitado, ignore este correo.\n\nUn cordial "
        "saludo,\nAtención al cliente de {{ brand }}\n",
    ),
    ("portal_link", "pt"): (
        "A sua página de cliente {{ brand }}",
        "Estimado(a) {{ greeting_name }},\n\nEis a sua ligação pessoal para a sua página de "
        "cliente {{ brand }}, onde pode acompanhar os seus pedidos e escrever-nos:\n\n"
        "{{ link }}\n\nÉ válida até {{ valid_until }}. Não a partilhe: quem a tiver pode abrir "
        "a sua página. Se não a pediu, ignore simplesmente este e-mail.\n\nCom os melhores "
        "cumprimentos,\nApoio ao Cliente {{ brand }}\n",
    ),
    ("portal_link", "nl"): (
        "Uw {{ brand }} klantpagina",
        "Geachte {{ greeting_name }},\n\nHierbij uw persoonlijke link naar uw {{ brand }} "
        "klantpagina, waar u uw vragen kunt volgen en ons kunt schrijven:\n\n{{ link }}\n\n"
        "De link werkt tot {{ valid_until }}. Deel hem niet: wie hem heeft, kan uw pagina "
        "openen. Hebt u hier niet om gevraagd, dan kunt u deze e-mail negeren.\n\nMet "
        "vriendelijke groet,\nKlantenservice {{ brand }}\n",
    ),
    ("portal_link", "ja"): (
        "{{ brand }} お客様専用ページのご案内",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、誠にありがとうございます。\n"
        "\nお客様専用ページへのリンクをお送りいたします。お問い合わせの状況の確認やメッセージの"
        "送信ができます。\n\n{{ link }}\n\nこのリンクは{{ valid_until }}まで有効です。"
        "リンクをお持ちの方は誰でもページを開けますので、他の方と共有なさらないようお願い"
        "いたします。お心当たりのない場合は、このメールを破棄してください。\n\n"
        "{{ brand }} カスタマーケア\n",
    ),
    ("portal_link", "zh-hans"): (
        "您的{{ brand }}客户专页",
        "尊敬的{{ greeting_name }}：\n\n您好！这是您的{{ brand }}客户专页的专属链接，您可以在"
        "此查看您的请求进展并给我们留言：\n\n{{ link }}\n\n该链接有效期至{{ valid_until }}。"
        "请勿转给他人：持有链接者均可打开您的专页。如果您并未申请，请忽略此邮件。\n\n此致\n"
        "敬礼\n\n{{ brand }}客户服务中心\n",
    ),
    ("portal_link", "ar"): (
        "صفحتكم الخاصة لدى {{ brand }}",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nإليكم الرابط الخاص بصفحتكم لدى "
        "{{ brand }}، حيث يمكنكم متابعة طلباتكم ومراسلتنا:\n\n{{ link }}\n\nيبقى الرابط صالحًا "
        "حتى {{ valid_until }}. يُرجى عدم مشاركته، فكل من يملكه يستطيع فتح صفحتكم. وإن لم تطلبوه، "
        "فيُرجى تجاهل هذه الرسالة.\n\nمع خالص التحية والتقدير،\nخدمة عملاء {{ brand }}\n",
    ),
    # claim_decision: the decision on a cost the client asked back (assistance.services), in
    # their language: approved (at once within the policy, or by an approver) or declined, why.
    ("claim_decision", "en"): (
        "Your {{ claim }} costs: {% if approved %}reimbursed{% else %}our decision{% endif %} "
        "[{{ reference }}]",
        "Dear {{ greeting_name }},\n\n{% if approved %}We will reimburse your {{ claim }} costs "
        "of {{ amount }} in full. There is nothing more for you to do.{% else %}We have carefully "
        "considered your {{ claim }} costs of {{ amount }}, and we are sorry that we cannot "
        "reimburse them: {{ reason }}{% endif %}\n\nIf you have any question, simply reply to "
        "this e-mail.\n\nKind regards,\n{{ advisor }}\n{{ brand }} Client Care\n",
    ),
    ("claim_decision", "fr"): (
        "Vos frais ({{ claim }}) : {% if approved %}remboursés{% else %}notre décision{% endif %} "
        "[{{ reference }}]",
        "Bonjour {{ greeting_name }},\n\n{% if approved %}Nous vous remboursons intégralement "
        "vos frais ({{ claim }}) de {{ amount }}. Vous n'avez rien d'autre à faire.{% else %}Nous "
        "avons examiné avec attention vos frais ({{ claim }}) de {{ amount }} et nous regrettons "
        "de ne pas pouvoir les rembourser : {{ reason }}{% endif %}\n\nPour toute question, il "
        "vous suffit de répondre à ce message.\n\nBien cordialement,\n{{ advisor }}\n"
        "Service clients {{ brand }}\n",
    ),
    ("claim_decision", "de"): (
        "Ihre Auslagen ({{ claim }}): {% if approved %}erstattet{% else %}unsere Entscheidung"
        "{% endif %} [{{ reference }}]",
        "Guten Tag {{ greeting_name }},\n\n{% if approved %}wir erstatten Ihnen Ihre Auslagen "
        "({{ claim }}) über {{ amount }} in voller Höhe. Sie müssen nichts weiter tun.{% else %}"
        "wir haben Ihre Auslagen ({{ claim }}) über {{ amount }} sorgfältig geprüft und bedauern, "
        "sie nicht erstatten zu können: {{ reason }}{% endif %}\n\nBei Fragen antworten Sie "
        "einfach auf diese E-Mail.\n\nMit freundlichen Grüßen\n{{ advisor }}\n{{ brand }} "
        "Kundenservice\n",
    ),
    ("claim_decision", "it"): (
        "Le sue spese ({{ claim }}): {% if approved %}rimborsate{% else %}la nostra decisione"
        "{% endif %} [{{ reference }}]",
        "Gentile {{ greeting_name }},\n\n{% if approved %}le rimborseremo per intero le spese "
        "({{ claim }}) di {{ amount }}. Non deve fare nient'altro.{% else %}abbiamo esaminato con "
        "attenzione le sue spese ({{ claim }}) di {{ amount }} e ci dispiace non poterle "
        "rimborsare: {{ reason }}{% endif %}\n\nPer qualsiasi domanda basta rispondere a questa "
        "e-mail.\n\nCordiali saluti,\n{{ advisor }}\nServizio clienti {{ brand }}\n",
    ),
    ("claim_decision", "es"): (
        "Sus gastos ({{ claim }}): {% if approved %}reembolsados{% else %}nuestra decisión"
        "{% endif %} [{{ reference }}]",
        "Estimado/a {{ greeting_name }}:\n\n{% if approved %}Le reembolsaremos íntegramente sus "
        "gastos ({{ claim }}) de {{ amount }}. No tiene que hacer nada más.{% else %}Hemos "
        "estudiado con atención sus gastos ({{ claim }}) de {{ amount }} y lamentamos no poder "
        "reembolsarlos: {{ reason }}{% endif %}\n\nSi tiene cualquier pregunta, basta con "
        "responder a este correo.\n\nUn cordial saludo,\n{{ advisor }}\nAtención al cliente "
        "de {{ brand }}\n",
    ),
    ("claim_decision", "pt"): (
        "As suas despesas ({{ claim }}): {% if approved %}reembolsadas{% else %}a nossa decisão"
        "{% endif %} [{{ reference }}]",
        "Estimado(a) {{ greeting_name }},\n\n{% if approved %}Vamos reembolsar na totalidade as "
        "suas despesas ({{ claim }}) de {{ amount }}. Não precisa de fazer mais nada.{% else %}"
        "Analisámos com atenção as suas despesas ({{ claim }}) de {{ amount }} e lamentamos não "
        "as poder reembolsar: {{ reason }}{% endif %}\n\nSe tiver alguma questão, basta "
        "responder a este e-mail.\n\nCom os melhores cumprimentos,\n{{ advisor }}\nApoio ao "
        "Cliente {{ brand }}\n",
    ),
    ("claim_decision", "nl"): (
        "Uw kosten ({{ claim }}): {% if approved %}vergoed{% else %}ons besluit{% endif %} "
        "[{{ reference }}]",
        "Geachte {{ greeting_name }},\n\n{% if approved %}Wij vergoeden uw kosten ({{ claim }}) "
        "van {{ amount }} volledig. U hoeft verder niets te doen.{% else %}Wij hebben uw kosten "
        "({{ claim }}) van {{ amount }} zorgvuldig bekeken en kunnen ze helaas niet vergoeden: "
        "{{ reason }}{% endif %}\n\nHeeft u een vraag, dan kunt u eenvoudig op deze e-mail "
        "antwoorden.\n\nMet vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
    ),
    ("claim_decision", "ja"): (
        "ご立替費用（{{ claim }}）について：{% if approved %}全額お支払いいたします{% else %}"
        "ご連絡{% endif %} [{{ reference }}]",
        "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、誠にありがとうございます。\n"
        "\n{% if approved %}ご立替いただいた{{ claim }}の費用 {{ amount }} を"
        "全額お支払いいたします。お手続きは必要ございません。{% else %}"
        "ご立替いただいた{{ claim }}の費用 {{ amount }} "
        "について慎重に検討いたしましたが、誠に申し訳ございませんが、お支払いいたしかねます。"
        "理由：{{ reason }}{% endif %}\n\nご不明な点がございましたら、このメールにそのまま"
        "ご返信ください。\n\n今後とも何卒よろしくお願い申し上げます。\n\n{{ brand }} "
        "カスタマーケア\n{{ advisor }}\n",
    ),
    ("claim_decision", "zh-hans"): (
        "您垫付的{{ claim }}费用：{% if approved %}将全额报销{% else %}处理结果{% endif %} "
        "[{{ reference }}]",
        "尊敬的{{ greeting_name }}：\n\n您好！{% if approved %}您垫付的{{ claim }}费用"
        "{{ amount }}将由我们全额报销，您无需再办理任何手续。{% else %}我们认真审核了您垫付的"
        "{{ claim }}费用{{ amount }}，很抱歉无法为您报销，原因如下：{{ reason }}{% endif %}\n\n"
        "如有任何问题，请直接回复此邮件。\n\n此致\n敬礼\n\n{{ advisor }}\n"
        "{{ brand }}客户服务中心\n",
    ),
    ("claim_decision", "ar"): (
        "مصاريفكم ({{ claim }}): {% if approved %}سيتم ردّها{% else %}قرارنا{% endif %} "
        "[{{ reference }}]",
        "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{% if approved %}يسعدنا إبلاغكم بأننا "
        "سنردّ إليكم مصاريف {{ claim }} البالغة {{ amount }} كاملةً، ولا يلزمكم القيام بأي إجراء "
        "آخر.{% else %}درسنا بعناية مصاريف {{ claim }} البالغة {{ amount }}، ونأسف لتعذّر ردّها "
        "إليكم: {{ reason }}{% endif %}\n\nلأي استفسار، يكفي الرد على هذه الرسالة.\n\nمع خالص "
        "التحية والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}\n",
    ),
}

# booking_invite / booking_reminder: appointments (issue 13, part 4). The client's private
# booking page (appointments.services.booking_invite), and the reminder the day before
# (appointments.sweeps.reminders_due); `appointment` is the kind in the client's language.
DEFAULT_TEMPLATES.update(
    {
        ("booking_invite", "en"): (
            "{{ appointment }}: choose your time at {{ site }}",
            "Dear {{ greeting_name }},\n\nPlease choose the time that suits you best for this "
            "appointment at {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nYou can move or cancel "
            "it on the same page whenever you need to. The link is yours alone and works until "
            "{{ expires }}.\n\nKind regards,\n{{ advisor }}\n{{ brand }} Client Care\n",
        ),
        ("booking_invite", "fr"): (
            "{{ appointment }} : choisissez votre horaire à {{ site }}",
            "Bonjour {{ greeting_name }},\n\nChoisissez l'horaire qui vous convient le mieux pour "
            "ce rendez-vous à {{ site }} : {{ appointment }}.\n\n{{ link }}\n\nVous pourrez le "
            "déplacer ou l'annuler sur la même page à tout moment. Ce lien vous est personnel et "
            "reste valable jusqu'au {{ expires }}.\n\nBien cordialement,\n{{ advisor }}\n"
            "Service clients {{ brand }}\n",
        ),
        ("booking_invite", "de"): (
            "{{ appointment }}: Wählen Sie Ihren Termin bei {{ site }}",
            "Guten Tag {{ greeting_name }},\n\nbitte wählen Sie die Zeit, die Ihnen am besten "
            "passt, für diesen Termin bei {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nAuf "
            "derselben Seite können Sie ihn jederzeit verschieben oder absagen. Der Link gilt nur "
            "für Sie und bis zum {{ expires }}.\n\nMit freundlichen Grüßen\n{{ advisor }}\n"
            "{{ brand }} Kundenservice\n",
        ),
        ("booking_invite", "it"): (
            "{{ appointment }}: scelga il suo orario presso {{ site }}",
            "Gentile {{ greeting_name }},\n\nla invitiamo a scegliere l'orario che preferisce per "
            "questo appuntamento presso {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nSulla "
            "stessa pagina potrà spostarlo o annullarlo in qualsiasi momento. Il link è personale "
            "e vale fino al {{ expires }}.\n\nCordiali saluti,\n{{ advisor }}\nServizio clienti "
            "{{ brand }}\n",
        ),
        ("booking_invite", "es"): (
            "{{ appointment }}: elija su hora en {{ site }}",
            "Estimado/a {{ greeting_name }}:\n\nLe invitamos a elegir la hora que mejor le "
            "convenga para esta cita en {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nEn la "
            "misma página podrá cambiarla o anularla cuando lo necesite. El enlace es personal y "
            "es válido hasta el {{ expires }}.\n\nUn cordial saludo,\n{{ advisor }}\n"
            "Atención al cliente de {{ brand }}\n",
        ),
        ("booking_invite", "pt"): (
            "{{ appointment }}: escolha o seu horário em {{ site }}",
            "Estimado(a) {{ greeting_name }},\n\nConvidamo-lo(a) a escolher o horário que mais "
            "lhe convém para esta marcação em {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nNa "
            "mesma página poderá alterá-la ou cancelá-la sempre que precisar. A ligação é pessoal "
            "e é válida até {{ expires }}.\n\nCom os melhores cumprimentos,\n{{ advisor }}\n"
            "Apoio ao Cliente {{ brand }}\n",
        ),
        ("booking_invite", "nl"): (
            "{{ appointment }}: kies uw tijd bij {{ site }}",
            "Geachte {{ greeting_name }},\n\nKies de tijd die u het beste uitkomt voor deze "
            "afspraak bij {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nOp dezelfde pagina kunt "
            "u de afspraak altijd verzetten of annuleren. De link is alleen voor u en werkt tot "
            "{{ expires }}.\n\nMet vriendelijke groet,\n{{ advisor }}\n"
            "Klantenservice {{ brand }}\n",
        ),
        ("booking_invite", "ja"): (
            "{{ appointment }}：{{ site }}でのご希望日時をお選びください",
            "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
            "誠にありがとうございます。\n"
            "\n{{ site }}での「{{ appointment }}」について、"
            "ご都合のよい日時を下記のページからお選び"
            "ください。\n\n{{ link }}\n\n同じページでいつでも日時の変更やキャンセルができます。"
            "このリンクはお客様専用で、{{ expires }}まで有効です。\n\n今後とも何卒よろしくお願い"
            "申し上げます。\n\n{{ brand }} カスタマーケア\n{{ advisor }}\n",
        ),
        ("booking_invite", "zh-hans"): (
            "{{ appointment }}：请选择您在{{ site }}的预约时间",
            "尊敬的{{ greeting_name }}：\n\n您好！请在以下页面为您在{{ site }}的预约选择最方便的"
            "时间：{{ appointment }}。\n\n{{ link }}\n\n您可以随时在同一页面更改或取消预约。此链接"
            "仅供您本人使用，有效期至{{ expires }}。\n\n此致\n敬礼\n\n{{ advisor }}\n"
            "{{ brand }}客户服务中心\n",
        ),
        ("booking_invite", "ar"): (
            "{{ appointment }}: اختاروا موعدكم لدى {{ site }}",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nيسعدنا أن تختاروا الوقت الأنسب لكم "
            "لهذا الموعد لدى {{ site }}: {{ appointment }}.\n\n{{ link }}\n\nيمكنكم تغيير الموعد "
            "أو إلغاؤه من الصفحة نفسها متى شئتم. هذا الرابط خاص بكم وصالح حتى {{ expires }}.\n\n"
            "مع خالص التحية والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}\n",
        ),
        ("booking_reminder", "en"): (
            "Tomorrow: {{ appointment }} at {{ site }}",
            "Dear {{ greeting_name }},\n\nA reminder of your appointment tomorrow at {{ site }}: "
            "{{ appointment }}, {{ when }}.\n\nWe look forward to seeing you. If the time no "
            "longer suits you, you can move or cancel it here:\n{{ link }}\n\nKind regards,\n"
            "{{ advisor }}\n{{ brand }} Client Care\n",
        ),
        ("booking_reminder", "fr"): (
            "Demain : {{ appointment }} à {{ site }}",
            "Bonjour {{ greeting_name }},\n\nNous vous rappelons votre rendez-vous de demain à "
            "{{ site }} : {{ appointment }}, {{ when }}.\n\nNous nous réjouissons de vous "
            "accueillir. Si l'horaire ne vous convient plus, vous pouvez le déplacer ou l'annuler "
            "ici :\n{{ link }}\n\nBien cordialement,\n{{ advisor }}\nService clients {{ brand }}\n",
        ),
        ("booking_reminder", "de"): (
            "Morgen: {{ appointment }} bei {{ site }}",
            "Guten Tag {{ greeting_name }},\n\nwir erinnern Sie an Ihren Termin morgen bei "
            "{{ site }}: {{ appointment }}, {{ when }}.\n\nWir freuen uns auf Sie. Passt Ihnen die "
            "Zeit nicht mehr, können Sie den Termin hier verschieben oder absagen:\n{{ link }}\n\n"
            "Mit freundlichen Grüßen\n{{ advisor }}\n{{ brand }} Kundenservice\n",
        ),
        ("booking_reminder", "it"): (
            "Domani: {{ appointment }} presso {{ site }}",
            "Gentile {{ greeting_name }},\n\nle ricordiamo il suo appuntamento di domani presso "
            "{{ site }}: {{ appointment }}, {{ when }}.\n\nLa aspettiamo. "
            "Se l'orario non le va più "
            "bene, può spostarlo o annullarlo qui:\n{{ link }}\n\nCordiali saluti,\n{{ advisor }}\n"
            "Servizio clienti {{ brand }}\n",
        ),
        ("booking_reminder", "es"): (
            "Mañana: {{ appointment }} en {{ site }}",
            "Estimado/a {{ greeting_name }}:\n\nLe recordamos su cita de mañana en {{ site }}: "
            "{{ appointment }}, {{ when }}.\n\nLe esperamos. Si la hora ya no le conviene, puede "
            "cambiarla o anularla aquí:\n{{ link }}\n\nUn cordial saludo,\n{{ advisor }}\n"
            "Atención al cliente de {{ brand }}\n",
        ),
        ("booking_reminder", "pt"): (
            "Amanhã: {{ appointment }} em {{ site }}",
            "Estimado(a) {{ greeting_name }},\n\nRecordamos a sua marcação de amanhã em "
            "{{ site }}: {{ appointment }}, {{ when }}.\n\nContamos com a sua visita. Se o horário "
            "já não lhe convier, pode alterá-lo ou cancelá-lo aqui:\n{{ link }}\n\nCom os melhores "
            "cumprimentos,\n{{ advisor }}\nApoio ao Cliente {{ brand }}\n",
        ),
        ("booking_reminder", "nl"): (
            "Morgen: {{ appointment }} bij {{ site }}",
            "Geachte {{ greeting_name }},\n\nWij herinneren u aan uw afspraak morgen bij "
            "{{ site }}: {{ appointment }}, {{ when }}.\n\nWij verwelkomen u graag. Komt de tijd u "
            "niet meer uit, dan kunt u de afspraak hier verzetten of annuleren:\n{{ link }}\n\n"
            "Met vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
        ),
        ("booking_reminder", "ja"): (
            "明日のご予約：{{ site }}での{{ appointment }}",
            "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
            "誠にありがとうございます。\n"
            "\n明日のご予約のお知らせです。{{ site }}にて「{{ appointment }}」、{{ when }}。\n\n"
            "ご来店を心よりお待ちしております。ご都合が悪くなりました場合は、こちらから変更または"
            "キャンセルいただけます。\n{{ link }}\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
            "{{ brand }} カスタマーケア\n{{ advisor }}\n",
        ),
        ("booking_reminder", "zh-hans"): (
            "明日预约：{{ site }} {{ appointment }}",
            "尊敬的{{ greeting_name }}：\n\n您好！温馨提醒您明天在{{ site }}的预约："
            "{{ appointment }}，{{ when }}。\n\n我们期待您的光临。如时间不再合适，您可以在此更改或"
            "取消：\n{{ link }}\n\n此致\n敬礼\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
        ),
        ("booking_reminder", "ar"): (
            "غدًا: {{ appointment }} لدى {{ site }}",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nنذكّركم بموعدكم غدًا لدى {{ site }}: "
            "{{ appointment }}، {{ when }}.\n\nيسعدنا استقبالكم. وإن لم يعد الوقت مناسبًا لكم، "
            "يمكنكم تغييره أو إلغاؤه من هنا:\n{{ link }}\n\nمع خالص التحية والتقدير،\n"
            "{{ advisor }}\nخدمة عملاء {{ brand }}\n",
        ),
    }
)


# survey_satisfaction / survey_recommendation: goodwill.surveys (issue 14). Each line of
# {{ scores }} is a score and its one-click link; the words say which end of the scale is which.
DEFAULT_TEMPLATES.update(
    {
        ("survey_satisfaction", "en"): (
            "How did we do? [{{ reference }}]",
            "Dear {{ greeting_name }},\n\nYour request “{{ case_title }}” is settled. "
            "How satisfied are you with the way we handled it? One click is enough, from 1 (not "
            "at all) to 5 "
            "(completely):\n\n{{ scores }}\n\nYou can add a word for us on the same page:\n"
            "{{ link }}\n\nThank you,\n{{ advisor }}\n{{ brand }} Client Care\n\nNo more surveys: "
            "{{ stop }}\n",
        ),
        ("survey_satisfaction", "fr"): (
            "Comment avons-nous fait ? [{{ reference }}]",
            "Bonjour {{ greeting_name }},\n\nVotre demande « {{ case_title }} » est réglée. "
            "Êtes-vous satisfait(e) de la façon dont nous l'avons traitée ? Un clic suffit, de 1 "
            "(pas du tout) à 5 (tout à fait) :\n\n{{ scores }}\n\nVous pouvez ajouter un mot sur "
            "la même page :\n{{ link }}\n\nMerci,\n{{ advisor }}\nService clients {{ brand }}\n\n"
            "Ne plus recevoir d'enquêtes : {{ stop }}\n",
        ),
        ("survey_satisfaction", "de"): (
            "Wie zufrieden waren Sie? [{{ reference }}]",
            "Guten Tag {{ greeting_name }},\n\nIhr Anliegen „{{ case_title }}“ ist erledigt. Wie "
            "zufrieden sind Sie damit, wie wir es bearbeitet haben? Ein Klick genügt, von 1 (gar "
            "nicht) bis 5 (voll und ganz):\n\n{{ scores }}\n\nAuf derselben Seite können Sie uns "
            "ein paar Worte schreiben:\n{{ link }}\n\nVielen Dank\n{{ advisor }}\n{{ brand }} "
            "Kundenservice\n\nKeine Umfragen mehr: {{ stop }}\n",
        ),
        ("survey_satisfaction", "it"): (
            "Come siamo andati? [{{ reference }}]",
            "Gentile {{ greeting_name }},\n\nla sua richiesta «{{ case_title }}» è conclusa. "
            "Quanto è soddisfatto/a di come l'abbiamo gestita? Basta un clic, da 1 (per niente) a "
            "5 (del tutto):\n\n{{ scores }}\n\nSulla stessa pagina può lasciarci un commento:\n"
            "{{ link }}\n\nGrazie,\n{{ advisor }}\nServizio clienti {{ brand }}\n\nNon ricevere "
            "più sondaggi: {{ stop }}\n",
        ),
        ("survey_satisfaction", "es"): (
            "¿Qué tal lo hicimos? [{{ reference }}]",
            "Estimado/a {{ greeting_name }}:\n\nSu solicitud «{{ case_title }}» está resuelta. "
            "¿Qué grado de satisfacción tiene con nuestra gestión? Basta un clic, de 1 (nada) a 5 "
            "(totalmente):\n\n{{ scores }}\n\nEn la misma página puede dejarnos un comentario:\n"
            "{{ link }}\n\nGracias,\n{{ advisor }}\nAtención al cliente de {{ brand }}\n\nNo "
            "recibir más encuestas: {{ stop }}\n",
        ),
        ("survey_satisfaction", "pt"): (
            "Como nos saímos? [{{ reference }}]",
            "Estimado(a) {{ greeting_name }},\n\nO seu pedido «{{ case_title }}» está resolvido. "
            "Qual o seu grau de satisfação com a forma como o tratámos? Basta um clique, de 1 "
            "(nada) a 5 (totalmente):\n\n{{ scores }}\n\nNa mesma página pode deixar-nos um "
            "comentário:\n{{ link }}\n\nObrigado,\n{{ advisor }}\nApoio ao Cliente {{ brand }}\n\n"
            "Não receber mais inquéritos: {{ stop }}\n",
        ),
        ("survey_satisfaction", "nl"): (
            "Hoe hebben we het gedaan? [{{ reference }}]",
            "Geachte {{ greeting_name }},\n\nUw verzoek “{{ case_title }}” is afgehandeld. Hoe "
            "tevreden bent u over de manier waarop wij het hebben behandeld? Eén klik is genoeg, "
            "van 1 (helemaal niet) tot 5 (helemaal):\n\n{{ scores }}\n\nOp dezelfde pagina kunt u "
            "iets toevoegen:\n{{ link }}\n\nDank u wel,\n{{ advisor }}\nKlantenservice "
            "{{ brand }}\n\nGeen enquêtes meer: {{ stop }}\n",
        ),
        ("survey_satisfaction", "ja"): (
            "対応へのご評価のお願い [{{ reference }}]",
            "{{ greeting_name }} 様\n\nご依頼「{{ case_title }}」の対応が完了いたしました。"
            "私どもの対応にどの程度ご満足いただけましたか。1（まったく満足していない）から5"
            "（大変満足）まで、ワンクリックでお答えいただけます。\n\n{{ scores }}\n\n"
            "同じページでご意見もお寄せいただけます。\n{{ link }}\n\nありがとうございました。\n\n"
            "{{ brand }} カスタマーケア\n{{ advisor }}\n\n今後アンケートを希望されない場合："
            "{{ stop }}\n",
        ),
        ("survey_satisfaction", "zh-hans"): (
            "您对我们的服务满意吗？[{{ reference }}]",
            "尊敬的{{ greeting_name }}：\n\n您的请求“{{ case_title }}”已处理完毕。您对我们的处理"
            "方式满意吗？只需点击一次，从 1（完全不满意）到 5（非常满意）：\n\n{{ scores }}\n\n"
            "您可以在同一页面留下意见：\n{{ link }}\n\n谢谢！\n{{ advisor }}\n{{ brand }}客户服务"
            "中心\n\n不再接收调查：{{ stop }}\n",
        ),
        ("survey_satisfaction", "ar"): (
            "كيف كانت خدمتنا؟ [{{ reference }}]",
            "حضرة {{ greeting_name }}،\n\nتمت تسوية طلبكم «{{ case_title }}». ما مدى رضاكم عن "
            "طريقة تعاملنا معه؟ تكفي نقرة واحدة، من 1 (غير راضٍ إطلاقًا) إلى 5 (راضٍ تمامًا):\n\n"
            "{{ scores }}\n\nيمكنكم إضافة تعليق في الصفحة نفسها:\n{{ link }}\n\nشكرًا لكم،\n"
            "{{ advisor }}\nخدمة عملاء {{ brand }}\n\nلعدم تلقي استبيانات بعد الآن: {{ stop }}\n",
        ),
        ("survey_recommendation", "en"): (
            "Would you recommend {{ brand }}?",
            "Dear {{ greeting_name }},\n\nHow likely are you to recommend {{ brand }} to a friend "
            "or colleague? One click is enough, from 0 (not at all likely) to 10 (extremely "
            "likely):\n\n{{ scores }}\n\nYou can tell us why on the same page:\n{{ link }}\n\n"
            "Thank you,\n{{ advisor }}\n{{ brand }} Client Care\n\nNo more surveys: {{ stop }}\n",
        ),
        ("survey_recommendation", "fr"): (
            "Recommanderiez-vous {{ brand }} ?",
            "Bonjour {{ greeting_name }},\n\nQuelle est la probabilité que vous recommandiez "
            "{{ brand }} à un ami ou un collègue ? Un clic suffit, de 0 (pas du tout probable) "
            "à 10 (très probable) :\n\n{{ scores }}\n\nVous pouvez nous dire pourquoi sur la même "
            "page :\n{{ link }}\n\nMerci,\n{{ advisor }}\nService clients {{ brand }}\n\nNe plus "
            "recevoir d'enquêtes : {{ stop }}\n",
        ),
        ("survey_recommendation", "de"): (
            "Würden Sie {{ brand }} empfehlen?",
            "Guten Tag {{ greeting_name }},\n\nwie wahrscheinlich ist es, dass Sie {{ brand }} "
            "einem Freund oder Kollegen empfehlen? Ein Klick genügt, von 0 (sehr unwahrscheinlich) "
            "bis 10 (sehr wahrscheinlich):\n\n{{ scores }}\n\nAuf derselben Seite können Sie uns "
            "sagen, warum:\n{{ link }}\n\nVielen Dank\n{{ advisor }}\n{{ brand }} Kundenservice\n\n"
            "Keine Umfragen mehr: {{ stop }}\n",
        ),
        ("survey_recommendation", "it"): (
            "Consiglierebbe {{ brand }}?",
            "Gentile {{ greeting_name }},\n\nquanto è probabile che consigli {{ brand }} a un "
            "amico o a un collega? Basta un clic, da 0 (per niente probabile) a 10 (estremamente "
            "probabile):\n\n{{ scores }}\n\nSulla stessa pagina può dirci perché:\n{{ link }}\n\n"
            "Grazie,\n{{ advisor }}\nServizio clienti {{ brand }}\n\nNon ricevere più sondaggi: "
            "{{ stop }}\n",
        ),
        ("survey_recommendation", "es"): (
            "¿Recomendaría {{ brand }}?",
            "Estimado/a {{ greeting_name }}:\n\n¿Qué probabilidad hay de que recomiende "
            "{{ brand }} a un amigo o colega? Basta un clic, de 0 (nada probable) a 10 (muy "
            "probable):\n\n"
            "{{ scores }}\n\nEn la misma página puede decirnos por qué:\n{{ link }}\n\nGracias,\n"
            "{{ advisor }}\nAtención al cliente de {{ brand }}\n\nNo recibir más encuestas: "
            "{{ stop }}\n",
        ),
        ("survey_recommendation", "pt"): (
            "Recomendaria a {{ brand }}?",
            "Estimado(a) {{ greeting_name }},\n\nQual a probabilidade de recomendar a "
            "{{ brand }} a um amigo ou colega? Basta um clique, de 0 (nada provável) a 10 (muito "
            "provável):\n\n"
            "{{ scores }}\n\nNa mesma página pode dizer-nos porquê:\n{{ link }}\n\nObrigado,\n"
            "{{ advisor }}\nApoio ao Cliente {{ brand }}\n\nNão receber mais inquéritos: "
            "{{ stop }}\n",
        ),
        ("survey_recommendation", "nl"): (
            "Zou u {{ brand }} aanbevelen?",
            "Geachte {{ greeting_name }},\n\nHoe waarschijnlijk is het dat u {{ brand }} "
            "aanbeveelt aan een vriend of collega? Eén klik is genoeg, van 0 (zeer "
            "onwaarschijnlijk) tot 10 "
            "(zeer waarschijnlijk):\n\n{{ scores }}\n\nOp dezelfde pagina kunt u zeggen waarom:\n"
            "{{ link }}\n\nDank u wel,\n{{ advisor }}\nKlantenservice {{ brand }}\n\nGeen "
            "enquêtes meer: {{ stop }}\n",
        ),
        ("survey_recommendation", "ja"): (
            "{{ brand }}をおすすめいただけますか",
            "{{ greeting_name }} 様\n\n{{ brand }}をご友人や同僚におすすめいただける可能性は"
            "どのくらいでしょうか。0（まったくない）から10（非常に高い）まで、ワンクリックで"
            "お答えいただけます。\n\n{{ scores }}\n\n同じページで理由もお聞かせください。\n"
            "{{ link }}\n\nありがとうございました。\n\n{{ brand }} カスタマーケア\n{{ advisor }}\n"
            "\n今後アンケートを希望されない場合：{{ stop }}\n",
        ),
        ("survey_recommendation", "zh-hans"): (
            "您会推荐{{ brand }}吗？",
            "尊敬的{{ greeting_name }}：\n\n您向朋友或同事推荐{{ brand }}的可能性有多大？只需点击"
            "一次，从 0（完全不可能）到 10（极有可能）：\n\n{{ scores }}\n\n您可以在同一页面告诉"
            "我们原因：\n{{ link }}\n\n谢谢！\n{{ advisor }}\n{{ brand }}客户服务中心\n\n"
            "不再接收调查：{{ stop }}\n",
        ),
        ("survey_recommendation", "ar"): (
            "هل توصون بـ {{ brand }}؟",
            "حضرة {{ greeting_name }}،\n\nما مدى احتمال أن توصوا بـ {{ brand }} لصديق أو زميل؟ "
            "تكفي نقرة واحدة، من 0 (غير محتمل إطلاقًا) إلى 10 (محتمل جدًا):\n\n{{ scores }}\n\n"
            "يمكنكم إخبارنا بالسبب في الصفحة نفسها:\n{{ link }}\n\nشكرًا لكم،\n{{ advisor }}\n"
            "خدمة عملاء {{ brand }}\n\nلعدم تلقي استبيانات بعد الآن: {{ stop }}\n",
        ),
    }
)

# quote_sent: a quote for the client to approve or decline in their portal (issue 13; the
# quotes app). The link is a fresh private portal link, with the portal_link template's wording.
DEFAULT_TEMPLATES.update(
    {
        ("quote_sent", "en"): (
            "Your quote: {{ work }} [{{ reference }}]",
            "Dear {{ greeting_name }},\n\nOur workshop has prepared a quote for you: {{ work }}, "
            "{{ amount }}, valid until {{ quote_until }}. You will find its details, with the "
            "workshop's photos and videos, on your private {{ brand }} client page, where you can "
            "approve or decline it:\n\n{{ link }}\n\nThe link works until {{ valid_until }}. "
            "Please keep it to yourself: whoever has it can open your page.\n\nKind regards,\n"
            "{{ advisor }}\n{{ brand }} Client Care\n",
        ),
        ("quote_sent", "fr"): (
            "Votre devis : {{ work }} [{{ reference }}]",
            "Bonjour {{ greeting_name }},\n\nNotre atelier a préparé un devis pour vous : "
            "{{ work }}, {{ amount }}, valable jusqu'au {{ quote_until }}. Vous en trouverez le "
            "détail, avec les photos et vidéos de l'atelier, sur votre page client {{ brand }} "
            "personnelle, où vous pourrez l'accepter ou le refuser :\n\n{{ link }}\n\nCe lien "
            "est valable jusqu'au {{ valid_until }}. Gardez-le pour vous : quiconque le détient "
            "peut ouvrir votre page.\n\nBien cordialement,\n{{ advisor }}\n"
            "Service clients {{ brand }}\n",
        ),
        ("quote_sent", "de"): (
            "Ihr Kostenvoranschlag: {{ work }} [{{ reference }}]",
            "Guten Tag {{ greeting_name }},\n\nunsere Werkstatt hat einen Kostenvoranschlag für "
            "Sie erstellt: {{ work }}, {{ amount }}, gültig bis {{ quote_until }}. Die "
            "Einzelheiten mit den Fotos und Videos der Werkstatt finden Sie auf Ihrer persönlichen "
            "{{ brand }} Kundenseite, wo Sie ihn annehmen oder ablehnen können:\n\n{{ link }}\n\n"
            "Der Link gilt bis zum {{ valid_until }}. Bitte geben Sie ihn nicht weiter: Wer ihn "
            "hat, kann Ihre Seite öffnen.\n\nMit freundlichen Grüßen\n{{ advisor }}\n"
            "{{ brand }} Kundenservice\n",
        ),
        ("quote_sent", "it"): (
            "Il suo preventivo: {{ work }} [{{ reference }}]",
            "Gentile {{ greeting_name }},\n\nla nostra officina ha preparato un preventivo per "
            "lei: {{ work }}, {{ amount }}, valido fino al {{ quote_until }}. Troverà i dettagli, "
            "con le foto e i video dell'officina, sulla sua pagina cliente {{ brand }} personale, "
            "dove potrà accettarlo o rifiutarlo:\n\n{{ link }}\n\nIl link vale fino al "
            "{{ valid_until }}. Lo conservi per sé: chi lo possiede può aprire la sua pagina.\n\n"
            "Cordiali saluti,\n{{ advisor }}\nServizio clienti {{ brand }}\n",
        ),
        ("quote_sent", "es"): (
            "Su presupuesto: {{ work }} [{{ reference }}]",
            "Estimado/a {{ greeting_name }}:\n\nNuestro taller ha preparado un presupuesto para "
            "usted: {{ work }}, {{ amount }}, válido hasta el {{ quote_until }}. Encontrará el "
            "detalle, con las fotos y los vídeos del taller, en su página personal de cliente "
            "{{ brand }}, donde podrá aceptarlo o rechazarlo:\n\n{{ link }}\n\nEl enlace es "
            "válido hasta el {{ valid_until }}. Guárdelo para usted: quien lo tenga puede abrir su "
            "página.\n\nUn cordial saludo,\n{{ advisor }}\nAtención al cliente de {{ brand }}\n",
        ),
        ("quote_sent", "pt"): (
            "O seu orçamento: {{ work }} [{{ reference }}]",
            "Estimado(a) {{ greeting_name }},\n\nA nossa oficina preparou um orçamento para si: "
            "{{ work }}, {{ amount }}, válido até {{ quote_until }}. Encontrará os detalhes, com "
            "as fotografias e os vídeos da oficina, na sua página pessoal de cliente {{ brand }}, "
            "onde o poderá aprovar ou recusar:\n\n{{ link }}\n\nA ligação é válida até "
            "{{ valid_until }}. Guarde-a só para si: quem a tiver pode abrir a sua página.\n\n"
            "Com os melhores cumprimentos,\n{{ advisor }}\nApoio ao Cliente {{ brand }}\n",
        ),
        ("quote_sent", "nl"): (
            "Uw offerte: {{ work }} [{{ reference }}]",
            "Geachte {{ greeting_name }},\n\nOnze werkplaats heeft een offerte voor u opgesteld: "
            "{{ work }}, {{ amount }}, geldig tot {{ quote_until }}. De details, met de foto's en "
            "video's van de werkplaats, vindt u op uw persoonlijke {{ brand }} klantpagina, waar u "
            "de offerte kunt goedkeuren of afwijzen:\n\n{{ link }}\n\nDe link werkt tot "
            "{{ valid_until }}. Houd hem voor uzelf: wie hem heeft, kan uw pagina openen.\n\n"
            "Met vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
        ),
        ("quote_sent", "ja"): (
            "お見積もりのご案内：{{ work }} [{{ reference }}]",
            "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
            "誠にありがとうございます。\n\n"
            "整備工場よりお見積もりをご用意いたしました：{{ work }}、{{ amount }}"
            "（{{ quote_until }}まで有効）。\n詳細と整備工場の写真・動画は、お客様専用の"
            "{{ brand }}ページでご覧いただけます。同じページでご承認またはお断りいただけます。\n\n"
            "{{ link }}\n\nこのリンクは{{ valid_until }}まで有効です。お客様専用のリンクですので、"
            "他の方とは共有なさらないようお願いいたします。\n\n今後とも何卒よろしくお願い"
            "申し上げます。\n\n{{ brand }} カスタマーケア\n{{ advisor }}\n",
        ),
        ("quote_sent", "zh-hans"): (
            "您的报价：{{ work }} [{{ reference }}]",
            "尊敬的{{ greeting_name }}：\n\n您好！我们的维修车间为您准备了一份报价：{{ work }}，"
            "{{ amount }}，有效期至{{ quote_until }}。您可以在您专属的{{ brand }}客户页面查看详情"
            "及车间拍摄的照片和视频，并在该页面批准或拒绝：\n\n{{ link }}\n\n此链接有效期至"
            "{{ valid_until }}。请妥善保管，任何持有此链接的人都可以打开您的页面。\n\n此致\n敬礼"
            "\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
        ),
        ("quote_sent", "ar"): (
            "عرض السعر الخاص بكم: {{ work }} [{{ reference }}]",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nأعدّت ورشتنا عرض سعر لكم: "
            "{{ work }}، بمبلغ {{ amount }}، صالح حتى {{ quote_until }}. تجدون تفاصيله، مع صور "
            "الورشة ومقاطع الفيديو، على صفحتكم الخاصة لدى {{ brand }}، حيث يمكنكم قبوله أو "
            "رفضه:\n\n{{ link }}\n\nالرابط صالح حتى {{ valid_until }}. نرجو الاحتفاظ به لأنفسكم: "
            "فكل من يملكه يستطيع فتح صفحتكم.\n\nمع خالص التحية والتقدير،\n{{ advisor }}\n"
            "خدمة عملاء {{ brand }}\n",
        ),
    }
)

# recall_notice / recall_reminder: recalls and service campaigns (issue 15, part 6). The owner of
# affected vehicles is told once, one e-mail for all their vehicles, with a private link to book
# the fix at their site (recalls.services); the reminder goes to those who have not booked after
# the campaign's days. campaign_title and campaign_text are the campaign's own words in the
# client's language; vehicles names each affected one, one a line.
DEFAULT_TEMPLATES.update(
    {
        ("recall_notice", "en"): (
            "{{ campaign_title }}: please book your appointment",
            "Dear {{ greeting_name }},\n\n{{ campaign_text }}\n\nThis concerns:\n{{ vehicles }}\n\n"
            "The work is free of charge. Please choose a time at {{ site }} for this "
            "appointment: {{ appointment }}.\n\n{{ link }}\n\nThis link is yours alone and works "
            "until {{ expires }}. If you have any question, simply reply to this e-mail.\n\n"
            "Kind regards,\n{{ advisor }}\n{{ brand }} Client Care\n",
        ),
        ("recall_notice", "fr"): (
            "{{ campaign_title }} : merci de prendre rendez-vous",
            "Bonjour {{ greeting_name }},\n\n{{ campaign_text }}\n\nCela concerne :\n"
            "{{ vehicles }}\n\nL'intervention est gratuite. Merci de choisir un horaire à "
            "{{ site }} pour ce rendez-vous : {{ appointment }}.\n\n{{ link }}\n\nCe lien vous est "
            "personnel et reste valable jusqu'au {{ expires }}. Pour toute question, il vous "
            "suffit "
            "de répondre à cet e-mail.\n\nBien cordialement,\n{{ advisor }}\n"
            "Service clients {{ brand }}\n",
        ),
        ("recall_notice", "de"): (
            "{{ campaign_title }}: bitte vereinbaren Sie einen Termin",
            "Guten Tag {{ greeting_name }},\n\n{{ campaign_text }}\n\nDies betrifft:\n"
            "{{ vehicles }}\n\nDie Arbeiten sind für Sie kostenlos. Bitte wählen Sie eine Zeit bei "
            "{{ site }} für diesen Termin: {{ appointment }}.\n\n{{ link }}\n\nDieser Link gilt "
            "nur "
            "für Sie und bis zum {{ expires }}. Bei Fragen antworten Sie einfach auf diese "
            "E-Mail.\n\nMit freundlichen Grüßen\n{{ advisor }}\n{{ brand }} Kundenservice\n",
        ),
        ("recall_notice", "it"): (
            "{{ campaign_title }}: prenoti il suo appuntamento",
            "Gentile {{ greeting_name }},\n\n{{ campaign_text }}\n\nRiguarda:\n{{ vehicles }}\n\n"
            "L'intervento è gratuito. Scelga un orario presso {{ site }} per questo appuntamento: "
            "{{ appointment }}.\n\n{{ link }}\n\nIl link è personale e valido fino al "
            "{{ expires }}. Per qualsiasi domanda, risponda semplicemente a questa e-mail.\n\n"
            "Cordiali saluti,\n{{ advisor }}\nServizio clienti {{ brand }}\n",
        ),
        ("recall_notice", "es"): (
            "{{ campaign_title }}: reserve su cita",
            "Estimado/a {{ greeting_name }}:\n\n{{ campaign_text }}\n\nAfecta a:\n"
            "{{ vehicles }}\n\n"
            "La intervención es gratuita. Elija una hora en {{ site }} para esta cita: "
            "{{ appointment }}.\n\n{{ link }}\n\nEste enlace es personal y válido hasta el "
            "{{ expires }}. Si tiene alguna pregunta, responda a este correo.\n\n"
            "Un cordial saludo,\n{{ advisor }}\nAtención al cliente de {{ brand }}\n",
        ),
        ("recall_notice", "pt"): (
            "{{ campaign_title }}: marque a sua visita",
            "Estimado(a) {{ greeting_name }},\n\n{{ campaign_text }}\n\nDiz respeito a:\n"
            "{{ vehicles }}\n\nA intervenção é gratuita. Escolha um horário em {{ site }} para "
            "esta marcação: {{ appointment }}.\n\n{{ link }}\n\nEste link é pessoal e válido até "
            "{{ expires }}. Para qualquer questão, basta responder a este e-mail.\n\n"
            "Com os melhores cumprimentos,\n{{ advisor }}\nApoio ao Cliente {{ brand }}\n",
        ),
        ("recall_notice", "nl"): (
            "{{ campaign_title }}: maak een afspraak",
            "Geachte {{ greeting_name }},\n\n{{ campaign_text }}\n\nHet gaat om:\n"
            "{{ vehicles }}\n\n"
            "De werkzaamheden zijn kosteloos. Kies een tijd bij {{ site }} voor deze afspraak: "
            "{{ appointment }}.\n\n{{ link }}\n\nDeze link is persoonlijk en geldig tot "
            "{{ expires }}. Heeft u vragen, beantwoord dan gewoon deze e-mail.\n\n"
            "Met vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
        ),
        ("recall_notice", "ja"): (
            "{{ campaign_title }}：ご予約のお願い",
            "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
            "誠にありがとうございます。\n\n"
            "{{ campaign_text }}\n\n対象：\n{{ vehicles }}\n\n作業は無償で承ります。"
            "{{ site }}での「{{ appointment }}」のご都合のよい日時を、こちらからお選びください。\n"
            "{{ link }}\n\nこのリンクはお客様専用で、{{ expires }}まで有効です。ご不明な点は、"
            "このメールにご返信ください。\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
            "{{ brand }} カスタマーケア\n{{ advisor }}\n",
        ),
        ("recall_notice", "zh-hans"): (
            "{{ campaign_title }}：请预约",
            "尊敬的{{ greeting_name }}：\n\n您好！\n\n{{ campaign_text }}\n\n涉及：\n"
            "{{ vehicles }}\n\n"
            "此项服务免费。请在{{ site }}选择{{ appointment }}的时间：\n{{ link }}\n\n"
            "此链接为您专用，有效期至{{ expires }}。"
            "如有任何问题，请直接回复此邮件。\n\n此致\n敬礼\n\n"
            "{{ advisor }}\n{{ brand }}客户服务中心\n",
        ),
        ("recall_notice", "ar"): (
            "{{ campaign_title }}: يرجى حجز موعدكم",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{{ campaign_text }}\n\nيخص ذلك:\n"
            "{{ vehicles }}\n\nالعمل مجاني. يرجى اختيار الوقت المناسب لكم لدى {{ site }} لهذا "
            "الموعد: {{ appointment }}.\n\n{{ link }}\n\nهذا الرابط خاص بكم وصالح حتى "
            "{{ expires }}. لأي سؤال، يكفي الرد على هذه الرسالة.\n\nمع خالص التحية والتقدير،\n"
            "{{ advisor }}\nخدمة عملاء {{ brand }}\n",
        ),
        ("recall_reminder", "en"): (
            "Reminder: {{ campaign_title }}",
            "Dear {{ greeting_name }},\n\nWe wrote to you about this campaign and have not yet "
            "seen an appointment:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nChoosing a time at "
            "{{ site }} takes a minute ({{ appointment }}):\n{{ link }}\n\nThis link works until "
            "{{ expires }}. If you have already had the work done, simply reply and tell us.\n\n"
            "Kind regards,\n{{ advisor }}\n{{ brand }} Client Care\n",
        ),
        ("recall_reminder", "fr"): (
            "Rappel : {{ campaign_title }}",
            "Bonjour {{ greeting_name }},\n\nNous vous avons écrit au sujet de cette campagne et "
            "n'avons pas encore de rendez-vous :\n{{ vehicles }}\n\n{{ campaign_text }}\n\n"
            "Choisir un horaire à {{ site }} ne prend qu'une minute ({{ appointment }}) :\n"
            "{{ link }}\n\nCe lien reste valable jusqu'au {{ expires }}. Si l'intervention a déjà "
            "été faite, répondez-nous simplement.\n\nBien cordialement,\n{{ advisor }}\n"
            "Service clients {{ brand }}\n",
        ),
        ("recall_reminder", "de"): (
            "Erinnerung: {{ campaign_title }}",
            "Guten Tag {{ greeting_name }},\n\nwir hatten Ihnen zu dieser Aktion geschrieben und "
            "sehen noch keinen Termin:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nEine Zeit bei "
            "{{ site }} wählen Sie in einer Minute ({{ appointment }}):\n{{ link }}\n\nDer Link "
            "gilt bis zum {{ expires }}. Wurden die Arbeiten schon erledigt, antworten Sie uns "
            "einfach.\n\nMit freundlichen Grüßen\n{{ advisor }}\n{{ brand }} Kundenservice\n",
        ),
        ("recall_reminder", "it"): (
            "Promemoria: {{ campaign_title }}",
            "Gentile {{ greeting_name }},\n\nle abbiamo scritto riguardo a questa campagna e non "
            "vediamo ancora un appuntamento:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nScegliere "
            "un orario presso {{ site }} richiede un minuto ({{ appointment }}):\n{{ link }}\n\n"
            "Il link è valido fino al {{ expires }}. Se l'intervento è già stato fatto, ce lo "
            "dica rispondendo.\n\nCordiali saluti,\n{{ advisor }}\nServizio clienti {{ brand }}\n",
        ),
        ("recall_reminder", "es"): (
            "Recordatorio: {{ campaign_title }}",
            "Estimado/a {{ greeting_name }}:\n\nLe escribimos sobre esta campaña y aún no vemos "
            "ninguna cita:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nElegir una hora en {{ site }} "
            "lleva un minuto ({{ appointment }}):\n{{ link }}\n\nEl enlace es válido hasta el "
            "{{ expires }}. Si ya se hizo la intervención, respóndanos y díganoslo.\n\n"
            "Un cordial saludo,\n{{ advisor }}\nAtención al cliente de {{ brand }}\n",
        ),
        ("recall_reminder", "pt"): (
            "Lembrete: {{ campaign_title }}",
            "Estimado(a) {{ greeting_name }},\n\nEscrevemos-lhe sobre esta campanha e ainda não "
            "temos uma marcação:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nEscolher um horário em "
            "{{ site }} demora um minuto ({{ appointment }}):\n{{ link }}\n\nO link é válido até "
            "{{ expires }}. Se a intervenção já foi feita, basta responder e dizer-nos.\n\n"
            "Com os melhores cumprimentos,\n{{ advisor }}\nApoio ao Cliente {{ brand }}\n",
        ),
        ("recall_reminder", "nl"): (
            "Herinnering: {{ campaign_title }}",
            "Geachte {{ greeting_name }},\n\nWij schreven u over deze actie en zien nog geen "
            "afspraak:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nEen tijd kiezen bij {{ site }} "
            "kost een minuut ({{ appointment }}):\n{{ link }}\n\nDe link is geldig tot "
            "{{ expires }}. Is het werk al gedaan, laat het ons dan even weten.\n\n"
            "Met vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
        ),
        ("recall_reminder", "ja"): (
            "ご案内の再送：{{ campaign_title }}",
            "{{ greeting_name }} 様\n\n先日ご案内いたしましたキャンペーンにつきまして、"
            "まだご予約を承っておりません。\n{{ vehicles }}\n\n{{ campaign_text }}\n\n"
            "{{ site }}での「{{ appointment }}」のご予約は、こちらから1分ほどで完了します。\n"
            "{{ link }}\n\nこのリンクは{{ expires }}まで有効です。既に作業がお済みの場合は、"
            "このメールにご返信ください。\n\n今後とも何卒よろしくお願い申し上げます。\n\n"
            "{{ brand }} カスタマーケア\n{{ advisor }}\n",
        ),
        ("recall_reminder", "zh-hans"): (
            "提醒：{{ campaign_title }}",
            "尊敬的{{ greeting_name }}：\n\n您好！我们曾就此活动与您联系，目前尚未看到您的预约：\n"
            "{{ vehicles }}\n\n{{ campaign_text }}\n\n"
            "在{{ site }}预约{{ appointment }}只需一分钟：\n"
            "{{ link }}\n\n此链接有效期至{{ expires }}。如已完成此项服务，请直接回复告知我们。\n\n"
            "此致\n敬礼\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
        ),
        ("recall_reminder", "ar"): (
            "تذكير: {{ campaign_title }}",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\nكتبنا إليكم بشأن هذه الحملة ولم نجد "
            "موعدًا بعد:\n{{ vehicles }}\n\n{{ campaign_text }}\n\nاختيار الوقت لدى {{ site }} "
            "لا يستغرق سوى دقيقة ({{ appointment }}):\n{{ link }}\n\nهذا الرابط صالح حتى "
            "{{ expires }}. وإن كان العمل قد أُنجز، يكفي الرد لإعلامنا.\n\nمع خالص التحية "
            "والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}\n",
        ),
    }
)

# journey_stage: a step of the client's journey (goodwill.journeys, issue 15): `stage` is what
# happened in the client's language ("Your car has arrived at the dealer."), `update` that
# sentence with the brand's own words for the stage; `link`/`expires` the private booking page
# when the stage offers slots (the arrival offers the delivery's), else empty.
DEFAULT_TEMPLATES.update(
    {
        ("journey_stage", "en"): (
            "{{ stage }}",
            "Dear {{ greeting_name }},\n\n{{ update }}\n{% if link %}\nPlease choose the time that "
            "suits you best:\n{{ link }}\nThe link is yours alone and works until {{ expires }}.\n"
            "{% endif %}\nKind regards,\n{{ advisor }}\n{{ brand }} Client Care\n",
        ),
        ("journey_stage", "fr"): (
            "{{ stage }}",
            "Bonjour {{ greeting_name }},\n\n{{ update }}\n{% if link %}\nChoisissez l'horaire qui "
            "vous convient le mieux :\n{{ link }}\nCe lien vous est personnel et reste valable "
            "jusqu'au {{ expires }}.\n{% endif %}\nBien cordialement,\n{{ advisor }}\n"
            "Service clients {{ brand }}\n",
        ),
        ("journey_stage", "de"): (
            "{{ stage }}",
            "Guten Tag {{ greeting_name }},\n\n{{ update }}\n{% if link %}\nBitte wählen Sie die "
            "Zeit, die Ihnen am besten passt:\n{{ link }}\nDer Link gilt nur für Sie und bis zum "
            "{{ expires }}.\n{% endif %}\nMit freundlichen Grüßen\n{{ advisor }}\n"
            "{{ brand }} Kundenservice\n",
        ),
        ("journey_stage", "it"): (
            "{{ stage }}",
            "Gentile {{ greeting_name }},\n\n{{ update }}\n{% if link %}\nScelga l'orario che "
            "preferisce:\n{{ link }}\nIl link è personale e vale fino al {{ expires }}.\n"
            "{% endif %}\nCordiali saluti,\n{{ advisor }}\nServizio clienti {{ brand }}\n",
        ),
        ("journey_stage", "es"): (
            "{{ stage }}",
            "Estimado/a {{ greeting_name }}:\n\n{{ update }}\n{% if link %}\nElija la hora que "
            "mejor le convenga:\n{{ link }}\nEl enlace es personal y es válido hasta el "
            "{{ expires }}.\n{% endif %}\nUn cordial saludo,\n{{ advisor }}\n"
            "Atención al cliente de {{ brand }}\n",
        ),
        ("journey_stage", "pt"): (
            "{{ stage }}",
            "Estimado(a) {{ greeting_name }},\n\n{{ update }}\n{% if link %}\nEscolha o horário "
            "que mais lhe convém:\n{{ link }}\nA ligação é pessoal e é válida até {{ expires }}.\n"
            "{% endif %}\nCom os melhores cumprimentos,\n{{ advisor }}\n"
            "Apoio ao Cliente {{ brand }}\n",
        ),
        ("journey_stage", "nl"): (
            "{{ stage }}",
            "Geachte {{ greeting_name }},\n\n{{ update }}\n{% if link %}\nKies de tijd die u het "
            "beste uitkomt:\n{{ link }}\nDe link is alleen voor u en werkt tot {{ expires }}.\n"
            "{% endif %}\nMet vriendelijke groet,\n{{ advisor }}\nKlantenservice {{ brand }}\n",
        ),
        ("journey_stage", "ja"): (
            "{{ stage }}",
            "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
            "誠にありがとうございます。\n\n{{ update }}\n{% if link %}\n"
            "ご都合のよい日時を下記のページからお選びください。\n{{ link }}\n"
            "このリンクはお客様専用で、{{ expires }}まで有効です。\n{% endif %}\n"
            "今後とも何卒よろしくお願い申し上げます。\n\n"
            "{{ brand }} カスタマーケア\n{{ advisor }}\n",
        ),
        ("journey_stage", "zh-hans"): (
            "{{ stage }}",
            "尊敬的{{ greeting_name }}：\n\n您好！{{ update }}\n{% if link %}\n"
            "请在以下页面选择您最方便的时间：\n{{ link }}\n"
            "此链接仅供您本人使用，有效期至{{ expires }}。\n{% endif %}\n此致\n"
            "敬礼\n\n{{ advisor }}\n{{ brand }}客户服务中心\n",
        ),
        ("journey_stage", "ar"): (
            "{{ stage }}",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{{ update }}\n{% if link %}\n"
            "يسعدنا أن تختاروا الوقت الأنسب لكم:\n{{ link }}\n"
            "هذا الرابط خاص بكم وصالح حتى {{ expires }}.\n"
            "{% endif %}\nمع خالص التحية والتقدير،\n{{ advisor }}\nخدمة عملاء {{ brand }}\n",
        ),
    }
)


# advisor_changed: the client's advisor left or moved and their book was handed over
# (people.services.book_handover): who looks after them from now on, told once per new advisor.
# `previous` is the advisor before (may be empty), `advisor` the new one, the client's own.
DEFAULT_TEMPLATES.update(
    {
        ("advisor_changed", "en"): (
            "{{ advisor }} is your new advisor",
            "Dear {{ greeting_name }},\n\n{% if previous %}{{ previous }} has handed over to "
            "{{ advisor }}, who will be your advisor from now on.{% else %}{{ advisor }} will be "
            "your advisor from now on.{% endif %} {{ advisor }} knows your file and your story "
            "with us, so you will not need to explain anything again. Simply reply to this "
            "e-mail to reach {{ advisor }} directly.\n\nKind regards,\n{{ brand }} Client Care\n",
        ),
        ("advisor_changed", "fr"): (
            "{{ advisor }} est désormais votre conseiller",
            "Bonjour {{ greeting_name }},\n\n{% if previous %}{{ previous }} a passé le relais à "
            "{{ advisor }}, qui sera désormais votre interlocuteur.{% else %}{{ advisor }} sera "
            "désormais votre interlocuteur.{% endif %} {{ advisor }} connaît votre dossier et "
            "votre histoire avec nous : vous n'aurez rien à réexpliquer. Il vous suffit de "
            "répondre à ce message pour le joindre directement.\n\nBien cordialement,\n"
            "Service clients {{ brand }}\n",
        ),
        ("advisor_changed", "de"): (
            "{{ advisor }} ist ab sofort Ihr Ansprechpartner",
            "Guten Tag {{ greeting_name }},\n\n{% if previous %}{{ previous }} hat Ihre Betreuung "
            "an {{ advisor }} übergeben, ab sofort Ihr persönlicher Ansprechpartner.{% else %}"
            "{{ advisor }} ist ab sofort Ihr persönlicher Ansprechpartner.{% endif %} "
            "{{ advisor }} kennt Ihre Unterlagen und Ihre Geschichte mit uns, Sie müssen nichts "
            "noch einmal erklären. Antworten Sie einfach auf diese E-Mail, um {{ advisor }} "
            "direkt zu erreichen.\n\nMit freundlichen Grüßen\n{{ brand }} Kundenservice\n",
        ),
        ("advisor_changed", "it"): (
            "{{ advisor }} è il suo nuovo consulente",
            "Gentile {{ greeting_name }},\n\n{% if previous %}{{ previous }} ha passato il "
            "testimone a {{ advisor }}, che da oggi sarà il suo consulente.{% else %}Da oggi "
            "{{ advisor }} sarà il suo consulente.{% endif %} {{ advisor }} conosce la sua pratica "
            "e la sua storia con noi: non dovrà spiegare nulla di nuovo. Basta rispondere a "
            "questa e-mail per raggiungere direttamente {{ advisor }}.\n\nCordiali saluti,\n"
            "Servizio clienti {{ brand }}\n",
        ),
        ("advisor_changed", "es"): (
            "{{ advisor }} es su nuevo asesor",
            "Estimado/a {{ greeting_name }}:\n\n{% if previous %}{{ previous }} ha traspasado su "
            "atención a {{ advisor }}, que será su asesor a partir de ahora.{% else %}A partir de "
            "ahora {{ advisor }} será su asesor.{% endif %} {{ advisor }} conoce su expediente y "
            "su historia con nosotros, así que no tendrá que volver a explicar nada. Basta con "
            "responder a este correo para hablar directamente con {{ advisor }}.\n\nUn cordial "
            "saludo,\nAtención al cliente de {{ brand }}\n",
        ),
        ("advisor_changed", "pt"): (
            "{{ advisor }} é o seu novo consultor",
            "Estimado(a) {{ greeting_name }},\n\n{% if previous %}{{ previous }} passou o seu "
            "acompanhamento a {{ advisor }}, que será o seu consultor a partir de agora."
            "{% else %}A partir de agora, {{ advisor }} será o seu consultor.{% endif %} "
            "{{ advisor }} conhece o seu processo e o seu historial connosco, pelo que não terá "
            "de explicar nada de novo. Basta responder a este e-mail para falar diretamente com "
            "{{ advisor }}.\n\nCom os melhores cumprimentos,\nApoio ao Cliente {{ brand }}\n",
        ),
        ("advisor_changed", "nl"): (
            "{{ advisor }} is uw nieuwe adviseur",
            "Geachte {{ greeting_name }},\n\n{% if previous %}{{ previous }} heeft uw dossier "
            "overgedragen aan {{ advisor }}, die vanaf nu uw vaste adviseur is.{% else %}Vanaf "
            "nu is {{ advisor }} uw vaste adviseur.{% endif %} {{ advisor }} kent uw dossier en "
            "uw geschiedenis met ons, dus u hoeft niets opnieuw uit te leggen. U kunt eenvoudig "
            "op deze e-mail antwoorden om {{ advisor }} rechtstreeks te bereiken.\n\n"
            "Met vriendelijke groet,\nKlantenservice {{ brand }}\n",
        ),
        ("advisor_changed", "ja"): (
            "新しい担当者{{ advisor }}のご案内",
            "{{ greeting_name }} 様\n\nいつも{{ brand }}をご愛顧いただき、"
            "誠にありがとうございます。\n\n{% if previous %}これまで担当しておりました"
            "{{ previous }}に代わり、{% endif %}今後は{{ advisor }}がお客様の担当を"
            "務めさせていただきます。これまでの経緯もすべて引き継いでおりますので、"
            "改めてご説明いただく必要はございません。このメールにご返信いただければ、"
            "{{ advisor }}が直接ご対応いたします。\n\n今後とも何卒よろしくお願い申し上げます。"
            "\n\n{{ brand }} カスタマーケア\n",
        ),
        ("advisor_changed", "zh-hans"): (
            "{{ advisor }}将成为您的专属顾问",
            "尊敬的{{ greeting_name }}：\n\n您好！{% if previous %}{{ previous }}已将您的服务工作"
            "交接给{{ advisor }}，{% endif %}今后将由{{ advisor }}担任您的专属顾问。"
            "{{ advisor }}已了解您的全部资料和服务记录，您无需再重复说明。"
            "请直接回复此邮件即可联系{{ advisor }}。\n\n此致\n敬礼\n\n{{ brand }}客户服务中心\n",
        ),
        ("advisor_changed", "ar"): (
            "{{ advisor }} مستشاركم الجديد",
            "حضرة {{ greeting_name }}،\n\nتحية طيبة وبعد،\n\n{% if previous %}سلّم "
            "{{ previous }} متابعة ملفكم إلى {{ advisor }}، الذي سيكون مستشاركم من الآن "
            "فصاعدًا.{% else %}سيكون {{ advisor }} مستشاركم من الآن فصاعدًا.{% endif %} "
            "اطّلع {{ advisor }} على ملفكم وتاريخكم معنا، فلن تحتاجوا إلى إعادة شرح أي شيء. "
            "يكفي الرد على هذه الرسالة للتواصل مع {{ advisor }} مباشرة.\n\nمع خالص التحية "
            "والتقدير،\nخدمة عملاء {{ brand }}\n",
        ),
    }
)


# WhatsApp templates (goodwill.channels.messaging): the only messages WhatsApp lets a business send
# more than 24 hours after the client's last WhatsApp message, each approved with the provider in
# these exact words (GOODWILL_WHATSAPP_TEMPLATES). Short, no link, inviting the client to answer,
# which opens the 24-hour window again. The subject is only shown to staff.
DEFAULT_TEMPLATES.update(
    {
        ("whatsapp_update", "en"): (
            "News on {{ reference }}",
            "Hello {{ greeting_name }}, this is {{ advisor }} from {{ brand }}. There is news "
            "about your request {{ reference }}. Reply to this message and I will tell you more.",
        ),
        ("whatsapp_update", "fr"): (
            "Du nouveau sur {{ reference }}",
            "Bonjour {{ greeting_name }}, ici {{ advisor }} de {{ brand }}. Il y a du nouveau "
            "concernant votre demande {{ reference }}. Répondez à ce message et je vous en dirai "
            "plus.",
        ),
        ("whatsapp_update", "de"): (
            "Neuigkeiten zu {{ reference }}",
            "Guten Tag {{ greeting_name }}, hier ist {{ advisor }} von {{ brand }}. Es gibt "
            "Neuigkeiten zu Ihrem Anliegen {{ reference }}. Antworten Sie auf diese Nachricht, "
            "dann erzähle ich Ihnen mehr.",
        ),
        ("whatsapp_update", "it"): (
            "Novità su {{ reference }}",
            "Buongiorno {{ greeting_name }}, sono {{ advisor }} di {{ brand }}. Ci sono novità "
            "sulla sua richiesta {{ reference }}. Risponda a questo messaggio e le dirò di più.",
        ),
        ("whatsapp_update", "es"): (
            "Novedades sobre {{ reference }}",
            "Hola {{ greeting_name }}, soy {{ advisor }} de {{ brand }}. Hay novedades sobre su "
            "solicitud {{ reference }}. Responda a este mensaje y le contaré más.",
        ),
        ("whatsapp_update", "pt"): (
            "Novidades sobre {{ reference }}",
            "Olá {{ greeting_name }}, fala {{ advisor }} da {{ brand }}. Há novidades sobre o seu "
            "pedido {{ reference }}. Responda a esta mensagem e conto-lhe mais.",
        ),
        ("whatsapp_update", "nl"): (
            "Nieuws over {{ reference }}",
            "Goedendag {{ greeting_name }}, u spreekt met {{ advisor }} van {{ brand }}. Er is "
            "nieuws over uw verzoek {{ reference }}. Beantwoord dit bericht en ik vertel u meer.",
        ),
        ("whatsapp_update", "ja"): (
            "{{ reference }}についてのお知らせ",
            "{{ greeting_name }} 様、{{ brand }}の{{ advisor }}です。"
            "ご依頼{{ reference }}について新しいお知らせがございます。"
            "このメッセージにご返信いただければ、詳しくご案内いたします。",
        ),
        ("whatsapp_update", "zh-hans"): (
            "关于{{ reference }}的最新消息",
            "{{ greeting_name }}您好，我是{{ brand }}的{{ advisor }}。"
            "您的请求{{ reference }}有了新进展。回复此消息，我会为您详细说明。",
        ),
        ("whatsapp_update", "ar"): (
            "مستجدات بشأن {{ reference }}",
            "مرحبًا {{ greeting_name }}، معكم {{ advisor }} من {{ brand }}. لدينا مستجدات بشأن "
            "طلبكم {{ reference }}. ردّوا على هذه الرسالة وسأخبركم بالمزيد.",
        ),
        ("whatsapp_call_request", "en"): (
            "A call about {{ reference }}",
            "Hello {{ greeting_name }}, this is {{ advisor }} from {{ brand }}. I would like to "
            "speak with you about your request {{ reference }}. When would suit you? Simply "
            "reply to this message.",
        ),
        ("whatsapp_call_request", "fr"): (
            "Un appel au sujet de {{ reference }}",
            "Bonjour {{ greeting_name }}, ici {{ advisor }} de {{ brand }}. J'aimerais vous parler "
            "de votre demande {{ reference }}. Quand cela vous conviendrait-il ? Il vous suffit "
            "de répondre à ce message.",
        ),
        ("whatsapp_call_request", "de"): (
            "Ein Anruf zu {{ reference }}",
            "Guten Tag {{ greeting_name }}, hier ist {{ advisor }} von {{ brand }}. Ich würde gern "
            "mit Ihnen über Ihr Anliegen {{ reference }} sprechen. Wann passt es Ihnen? "
            "Antworten Sie einfach auf diese Nachricht.",
        ),
        ("whatsapp_call_request", "it"): (
            "Una telefonata su {{ reference }}",
            "Buongiorno {{ greeting_name }}, sono {{ advisor }} di {{ brand }}. Vorrei parlarle "
            "della sua richiesta {{ reference }}. Quando le farebbe comodo? Basta rispondere a "
            "questo messaggio.",
        ),
        ("whatsapp_call_request", "es"): (
            "Una llamada sobre {{ reference }}",
            "Hola {{ greeting_name }}, soy {{ advisor }} de {{ brand }}. Me gustaría hablar con "
            "usted sobre su solicitud {{ reference }}. ¿Cuándo le vendría bien? Basta con "
            "responder a este mensaje.",
        ),
        ("whatsapp_call_request", "pt"): (
            "Uma chamada sobre {{ reference }}",
            "Olá {{ greeting_name }}, fala {{ advisor }} da {{ brand }}. Gostaria de falar consigo "
            "sobre o seu pedido {{ reference }}. Quando lhe dá jeito? Basta responder a esta "
            "mensagem.",
        ),
        ("whatsapp_call_request", "nl"): (
            "Een gesprek over {{ reference }}",
            "Goedendag {{ greeting_name }}, u spreekt met {{ advisor }} van {{ brand }}. Ik zou u "
            "graag spreken over uw verzoek {{ reference }}. Wanneer schikt het u? Beantwoord "
            "gewoon dit bericht.",
        ),
        ("whatsapp_call_request", "ja"): (
            "{{ reference }}についてお電話のお願い",
            "{{ greeting_name }} 様、{{ brand }}の{{ advisor }}です。"
            "ご依頼{{ reference }}について、お電話でお話しさせていただけますでしょうか。"
            "ご都合のよい日時をこのメッセージにご返信ください。",
        ),
        ("whatsapp_call_request", "zh-hans"): (
            "关于{{ reference }}的通话",
            "{{ greeting_name }}您好，我是{{ brand }}的{{ advisor }}。"
            "我想就您的请求{{ reference }}与您通个电话。您什么时间方便？直接回复此消息即可。",
        ),
        ("whatsapp_call_request", "ar"): (
            "مكالمة بشأن {{ reference }}",
            "مرحبًا {{ greeting_name }}، معكم {{ advisor }} من {{ brand }}. أودّ التحدث معكم بشأن "
            "طلبكم {{ reference }}. متى يناسبكم ذلك؟ يكفي الرد على هذه الرسالة.",
        ),
    }
)
