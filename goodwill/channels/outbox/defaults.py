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
