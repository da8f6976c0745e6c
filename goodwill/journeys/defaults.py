"""The journeys a new installation starts with (journeys.services.journeys_ensure_defaults, run
by the data migration, the demo and the tests), and what each stage tells the client, in the ten
client languages. Pure data."""

from __future__ import annotations

from typing import Any

# What happened, as the client reads it (the `stage` of the journey_stage template), by stage
# code. A stage whose code is not here sends its manager's text alone.
PHRASES: dict[str, dict[str, str]] = {
    "ordered": {
        "en": "Thank you for your order: it is confirmed, and we will tell you each step.",
        "fr": "Merci pour votre commande : elle est confirmée, et nous vous tiendrons informé à "
        "chaque étape.",
        "de": "Vielen Dank für Ihre Bestellung: Sie ist bestätigt, und wir melden uns bei jedem "
        "Schritt.",
        "it": "Grazie per il suo ordine: è confermato e la terremo informata a ogni passo.",
        "es": "Gracias por su pedido: está confirmado y le informaremos de cada paso.",
        "pt": "Obrigado pela sua encomenda: está confirmada e vamos informá-lo(a) de cada passo.",
        "nl": "Dank u voor uw bestelling: die is bevestigd, en wij laten u elke stap weten.",
        "ja": "ご注文ありがとうございます。ご注文は確定しました。"
        "進捗はその都度お知らせいたします。",
        "zh-hans": "感谢您的订购：订单已确认，我们会及时告知您每一步进展。",
        "ar": "شكرًا لطلبكم: لقد تم تأكيده، وسنبلغكم بكل خطوة.",
    },
    "built": {
        "en": "Your car has been built at the factory.",
        "fr": "Votre voiture a été construite à l'usine.",
        "de": "Ihr Fahrzeug wurde im Werk gebaut.",
        "it": "La sua auto è stata costruita in fabbrica.",
        "es": "Su coche ha sido fabricado.",
        "pt": "O seu carro foi produzido na fábrica.",
        "nl": "Uw auto is in de fabriek gebouwd.",
        "ja": "お客様のお車が工場で完成しました。",
        "zh-hans": "您的车辆已在工厂完成生产。",
        "ar": "تم تصنيع سيارتكم في المصنع.",
    },
    "shipped": {
        "en": "Your car has left the factory and is on its way to the dealer.",
        "fr": "Votre voiture a quitté l'usine et est en route vers votre concession.",
        "de": "Ihr Fahrzeug hat das Werk verlassen und ist auf dem Weg zum Händler.",
        "it": "La sua auto ha lasciato la fabbrica ed è in viaggio verso la concessionaria.",
        "es": "Su coche ha salido de fábrica y está de camino al concesionario.",
        "pt": "O seu carro saiu da fábrica e está a caminho do concessionário.",
        "nl": "Uw auto heeft de fabriek verlaten en is onderweg naar de dealer.",
        "ja": "お客様のお車が工場を出発し、販売店へ向かっております。",
        "zh-hans": "您的车辆已出厂，正在运往经销商。",
        "ar": "غادرت سيارتكم المصنع وهي في طريقها إلى الوكيل.",
    },
    "arrived": {
        "en": "Your car has arrived at the dealer. Choose the moment of your delivery: it is "
        "your day, on your agenda.",
        "fr": "Votre voiture est arrivée chez votre concessionnaire. Choisissez le moment de la "
        "livraison : c'est votre jour, selon votre agenda.",
        "de": "Ihr Fahrzeug ist beim Händler angekommen. Wählen Sie den Zeitpunkt der Übergabe: "
        "Es ist Ihr Tag, nach Ihrem Kalender.",
        "it": "La sua auto è arrivata in concessionaria. Scelga il momento della consegna: è il "
        "suo giorno, secondo la sua agenda.",
        "es": "Su coche ha llegado al concesionario. Elija el momento de la entrega: es su día, "
        "en su agenda.",
        "pt": "O seu carro chegou ao concessionário. Escolha o momento da entrega: é o seu dia, "
        "na sua agenda.",
        "nl": "Uw auto is bij de dealer aangekomen. Kies het moment van de aflevering: het is uw "
        "dag, in uw agenda.",
        "ja": "お客様のお車が販売店に到着しました。ご納車の日時はお客様のご都合でお選びください。",
        "zh-hans": "您的车辆已到达经销商。请按您的安排选择交车时间：这是属于您的日子。",
        "ar": "وصلت سيارتكم إلى الوكيل. اختاروا موعد التسليم: إنه يومكم، وفق جدولكم.",
    },
    "delivered": {
        "en": "Congratulations on your new car, and thank you for your trust.",
        "fr": "Félicitations pour votre nouvelle voiture, et merci de votre confiance.",
        "de": "Herzlichen Glückwunsch zu Ihrem neuen Fahrzeug und vielen Dank für Ihr Vertrauen.",
        "it": "Congratulazioni per la sua nuova auto e grazie per la fiducia.",
        "es": "Enhorabuena por su coche nuevo, y gracias por su confianza.",
        "pt": "Parabéns pelo seu carro novo, e obrigado pela sua confiança.",
        "nl": "Gefeliciteerd met uw nieuwe auto, en dank voor uw vertrouwen.",
        "ja": "新しいお車のご納車、誠におめでとうございます。ご信頼に心より感謝申し上げます。",
        "zh-hans": "恭喜您喜提新车，感谢您的信任。",
        "ar": "تهانينا بسيارتكم الجديدة، وشكرًا على ثقتكم.",
    },
    "day_after": {
        "en": "We hope the first day went well. Your advisor will call you today; anything at "
        "all, just reply.",
        "fr": "Nous espérons que ce premier jour s'est bien passé. Votre conseiller vous appelle "
        "aujourd'hui ; pour toute question, répondez simplement.",
        "de": "Wir hoffen, der erste Tag war schön. Ihr Berater ruft Sie heute an; bei jeder "
        "Frage antworten Sie einfach.",
        "it": "Speriamo che il primo giorno sia andato bene. Il suo consulente la chiamerà oggi; "
        "per qualsiasi cosa, risponda pure.",
        "es": "Esperamos que el primer día haya ido bien. Su asesor le llamará hoy; para "
        "cualquier cosa, responda a este mensaje.",
        "pt": "Esperamos que o primeiro dia tenha corrido bem. O seu consultor ligará hoje; para "
        "qualquer questão, basta responder.",
        "nl": "Wij hopen dat de eerste dag goed is verlopen. Uw adviseur belt u vandaag; voor "
        "alles kunt u gewoon antwoorden.",
        "ja": "初日はいかがでしたでしょうか。本日担当者よりお電話いたします。"
        "ご不明な点はこのメールにご返信ください。",
        "zh-hans": "希望第一天一切顺利。您的顾问今天会致电您；如有任何问题，直接回复即可。",
        "ar": "نرجو أن يكون اليوم الأول قد مر على ما يرام. سيتصل بكم مستشاركم اليوم؛ ولأي أمر، "
        "يكفي الرد على هذه الرسالة.",
    },
    "service_reminder": {
        "en": "It is nearly time for a service. Reply and we will find the time that suits you.",
        "fr": "L'entretien approche. Répondez et nous trouverons le moment qui vous convient.",
        "de": "Bald ist die Wartung fällig. Antworten Sie, und wir finden einen passenden Termin.",
        "it": "Si avvicina il momento della manutenzione. Risponda e troveremo l'orario adatto.",
        "es": "Se acerca el momento del mantenimiento. Responda y buscaremos la hora que le "
        "convenga.",
        "pt": "Está quase na altura da manutenção. Responda e encontraremos a hora que lhe convém.",
        "nl": "Binnenkort is het tijd voor onderhoud. Antwoord en wij zoeken een moment dat u "
        "past.",
        "ja": "まもなく定期点検の時期です。ご返信いただければ、ご都合に合わせて調整いたします。",
        "zh-hans": "保养时间快到了。回复此邮件，我们将为您安排合适的时间。",
        "ar": "اقترب موعد الصيانة. ردوا على هذه الرسالة وسنجد الوقت الذي يناسبكم.",
    },
    "one_year": {
        "en": "A year together already: thank you. We are here for anything you need.",
        "fr": "Déjà un an ensemble : merci. Nous sommes là pour tout ce dont vous avez besoin.",
        "de": "Schon ein Jahr gemeinsam: Danke. Wir sind für alles da, was Sie brauchen.",
        "it": "Già un anno insieme: grazie. Siamo qui per qualsiasi cosa le serva.",
        "es": "Ya un año juntos: gracias. Estamos aquí para lo que necesite.",
        "pt": "Já um ano juntos: obrigado. Estamos aqui para o que precisar.",
        "nl": "Al een jaar samen: dank u. Wij zijn er voor alles wat u nodig hebt.",
        "ja": "ご購入から一年が経ちました。心より感謝申し上げます。何なりとお申し付けください。",
        "zh-hans": "相伴已满一年，感谢有您。如有任何需要，我们随时为您服务。",
        "ar": "مضى عام على رفقتنا: شكرًا لكم. نحن هنا لكل ما تحتاجونه.",
    },
    # The anniversary's later years (journeys.services.stage_words): {years} counts them.
    "anniversary": {
        "en": "{years} years together already: thank you. We are here for anything you need.",
        "fr": "Déjà {years} ans ensemble : merci. Nous sommes là pour tout ce dont vous avez "
        "besoin.",
        "de": "Schon {years} Jahre gemeinsam: Danke. Wir sind für alles da, was Sie brauchen.",
        "it": "Già {years} anni insieme: grazie. Siamo qui per qualsiasi cosa le serva.",
        "es": "Ya {years} años juntos: gracias. Estamos aquí para lo que necesite.",
        "pt": "Já {years} anos juntos: obrigado. Estamos aqui para o que precisar.",
        "nl": "Al {years} jaar samen: dank u. Wij zijn er voor alles wat u nodig hebt.",
        "ja": "ご購入から{years}年が経ちました。心より感謝申し上げます。"
        "何なりとお申し付けください。",
        "zh-hans": "相伴已满{years}年，感谢有您。如有任何需要，我们随时为您服务。",
        "ar": "مضت {years} سنوات على رفقتنا: شكرًا لكم. نحن هنا لكل ما تحتاجونه.",
    },
    "purchased": {
        "en": "Thank you for your purchase. Your advisor is here for anything you need.",
        "fr": "Merci pour votre achat. Votre conseiller est là pour tout ce dont vous avez besoin.",
        "de": "Vielen Dank für Ihren Kauf. Ihr Berater ist für alles da, was Sie brauchen.",
        "it": "Grazie per il suo acquisto. Il suo consulente è qui per qualsiasi cosa le serva.",
        "es": "Gracias por su compra. Su asesor está aquí para lo que necesite.",
        "pt": "Obrigado pela sua compra. O seu consultor está aqui para o que precisar.",
        "nl": "Dank u voor uw aankoop. Uw adviseur is er voor alles wat u nodig hebt.",
        "ja": "お買い上げいただき誠にありがとうございます。何なりと担当者にお申し付けください。",
        "zh-hans": "感谢您的购买。您的顾问随时为您提供帮助。",
        "ar": "شكرًا لشرائكم. مستشاركم هنا لكل ما تحتاجونه.",
    },
    "received": {
        "en": "We have received it and are looking after it; we will tell you each step.",
        "fr": "Nous l'avons bien reçu et nous en occupons ; nous vous tiendrons informé à chaque "
        "étape.",
        "de": "Wir haben es erhalten und kümmern uns darum; wir melden uns bei jedem Schritt.",
        "it": "Lo abbiamo ricevuto e ce ne stiamo occupando; la terremo informata a ogni passo.",
        "es": "Lo hemos recibido y nos estamos ocupando; le informaremos de cada paso.",
        "pt": "Recebemo-lo e estamos a tratar do assunto; vamos informá-lo(a) de cada passo.",
        "nl": "Wij hebben het ontvangen en zorgen ervoor; wij laten u elke stap weten.",
        "ja": "お預かりいたしました。進捗はその都度お知らせいたします。",
        "zh-hans": "我们已收到并正在处理，会及时告知您每一步进展。",
        "ar": "لقد استلمناه ونحن نعتني به؛ وسنبلغكم بكل خطوة.",
    },
    "ready": {
        "en": "Everything is ready for you.",
        "fr": "Tout est prêt pour vous.",
        "de": "Alles ist für Sie bereit.",
        "it": "È tutto pronto per lei.",
        "es": "Todo está listo para usted.",
        "pt": "Está tudo pronto para si.",
        "nl": "Alles staat voor u klaar.",
        "ja": "すべての準備が整いました。",
        "zh-hans": "一切已为您准备就绪。",
        "ar": "كل شيء جاهز لكم.",
    },
    "invitation": {
        "en": "You are invited to an evening with the brand at your dealer. Reply to reserve "
        "your place.",
        "fr": "Vous êtes invité à une soirée de la marque chez votre concessionnaire. Répondez "
        "pour réserver votre place.",
        "de": "Sie sind zu einem Abend der Marke bei Ihrem Händler eingeladen. Antworten Sie, "
        "um Ihren Platz zu reservieren.",
        "it": "È invitato a una serata del marchio presso la sua concessionaria. Risponda per "
        "riservare il suo posto.",
        "es": "Está invitado a una velada de la marca en su concesionario. Responda para "
        "reservar su plaza.",
        "pt": "Está convidado(a) para uma noite da marca no seu concessionário. Responda para "
        "reservar o seu lugar.",
        "nl": "U bent uitgenodigd voor een avond van het merk bij uw dealer. Antwoord om uw "
        "plaats te reserveren.",
        "ja": "販売店で開催するブランドの夕べにご招待いたします。ご返信にてお席をご予約ください。",
        "zh-hans": "诚邀您参加在经销商举办的品牌之夜。回复此邮件即可预留席位。",
        "ar": "ندعوكم إلى أمسية للعلامة لدى الوكيل. ردوا لحجز مكانكم.",
    },
}


def _stage(code: str, title: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "title": title, **fields}


# kind -> (name, stages in order). Times: `due_days` after the previous stage (anchor
# "previous") or after the start date ("start"); "reported" stages wait for the feed or staff,
# "time" stages happen on their date.
DEFAULT_JOURNEYS: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "car_order": (
        "New car order",
        [
            _stage(
                "ordered",
                "Ordered",
                feel="Excited, sure of the choice",
                spoilers="Silence after signing",
                checklist="Confirm the factory slot\nSay when the client will next hear from us",
            ),
            _stage(
                "built",
                "Built",
                due_days=30,
                role="logistics",
                feel="Anticipation",
                spoilers="Learning of a delay from someone else",
            ),
            _stage("shipped", "Shipped", due_days=7, role="logistics", feel="Eager"),
            _stage(
                "arrived",
                "Arrived at the dealer",
                due_days=14,
                booking_kind="delivery",
                feel="Excited, curious: the day is near",
                spoilers="Nobody says the car has arrived (story 004)",
                checklist="Pre-delivery inspection\nRegistration and plates\nTell the client the "
                "same day, with delivery slots",
            ),
            _stage(
                "delivery_booked",
                "Delivery booked",
                due_days=3,
                message="",
                feel="Looked forward to",
                spoilers="A time set on the salesman's agenda",
                checklist="Fill in the delivery-day plan\nPrepare the client's preferences",
            ),
            _stage(
                "delivered",
                "Delivered",
                due_days=14,
                call_after=True,
                survey_hook=True,
                feel="Valued, cared for: a moment to remember",
                spoilers="A rushed handover",
                checklist="Car cleaned and charged\nWalk the client through the car\nPhotos",
            ),
            _stage(
                "day_after",
                "The day after",
                due_days=1,
                advance="time",
                feel="Still looked after once paid",
                checklist="Call the client",
            ),
            _stage(
                "service_reminder",
                "Service",
                anchor="start",
                due_days=335,
                advance="time",
                touchpoint=True,
                role="workshop",
                # Then every year, or every 15,000 km by the readings, whichever comes first.
                repeat_months=12,
                repeat_km=15000,
            ),
            _stage(
                "one_year",
                "One year",
                anchor="start",
                due_days=365,
                advance="time",
                touchpoint=True,
                repeat_months=12,
            ),
        ],
    ),
    "watch": (
        "Watch purchase and servicing",
        [
            _stage("purchased", "Purchased", feel="Proud of the piece"),
            _stage(
                "day_after",
                "The day after",
                due_days=1,
                advance="time",
                call_after=True,
                survey_hook=True,
            ),
            _stage(
                "one_year",
                "One year",
                anchor="start",
                due_days=365,
                advance="time",
                touchpoint=True,
                repeat_months=12,
            ),
            _stage(
                "service_reminder",
                "Service",
                anchor="start",
                due_days=730,
                advance="time",
                touchpoint=True,
                role="workshop",
                repeat_months=24,
            ),
        ],
    ),
    "repair": (
        "Repair",
        [
            # No message: the intake's acknowledgement (or the recall notice) already said it.
            _stage("received", "Received", message="", feel="Taken seriously", role="owner"),
            _stage("diagnosed", "Diagnosed", due_days=2, message="", role="workshop"),
            _stage(
                "ready",
                "Ready",
                due_days=3,
                role="owner",
                spoilers="Finding out by calling us",
            ),
            _stage("collected", "Collected", due_days=2, message="", call_after=True),
        ],
    ),
    "assistance": (
        "Assistance",
        [
            _stage("opened", "Help asked", message="", role="owner", feel="Safe"),
            _stage("ready", "Back on the road", due_days=3, role="owner", call_after=True),
        ],
    ),
    "ownership": (
        "Anniversary of ownership",
        [
            _stage("purchased", "Purchase", message=""),
            _stage(
                "one_year",
                "Anniversary",
                anchor="start",
                due_days=365,
                advance="time",
                touchpoint=True,
                # Every year of ownership, once a year.
                repeat_months=12,
            ),
            _stage(
                "invitation",
                "Brand invitation",
                anchor="start",
                due_days=400,
                advance="time",
                touchpoint=True,
                role="manager",
            ),
        ],
    ),
}
