"""What a client reads of an appointment's kind, in each of the ten client languages.

Written here rather than in the gettext catalogues because it goes into e-mails and the client's
booking page whatever the staff interface's languages are; an unknown language reads English.
"""

from __future__ import annotations

from goodwill.appointments.models import Kind

KIND_WORDS: dict[str, dict[str, str]] = {
    Kind.WORKSHOP: {
        "en": "Workshop visit",
        "fr": "Passage à l'atelier",
        "de": "Werkstatttermin",
        "it": "Appuntamento in officina",
        "es": "Cita en el taller",
        "pt": "Marcação na oficina",
        "nl": "Werkplaatsafspraak",
        "ja": "整備のご来店",
        "zh-hans": "维修保养到店",
        "ar": "موعد في الورشة",
    },
    Kind.DELIVERY: {
        "en": "Handover of your purchase",
        "fr": "Remise de votre achat",
        "de": "Übergabe Ihrer Bestellung",
        "it": "Consegna del suo acquisto",
        "es": "Entrega de su compra",
        "pt": "Entrega da sua compra",
        "nl": "Overdracht van uw aankoop",
        "ja": "ご購入品のお引き渡し",
        "zh-hans": "交付提货",
        "ar": "تسليم مشترياتكم",
    },
    Kind.FITTING: {
        "en": "Fitting",
        "fr": "Essayage",
        "de": "Anprobe",
        "it": "Prova",
        "es": "Prueba",
        "pt": "Prova",
        "nl": "Pasafspraak",
        "ja": "ご試着",
        "zh-hans": "试穿试戴",
        "ar": "موعد القياس",
    },
    Kind.INSPECTION: {
        "en": "Inspection",
        "fr": "Contrôle",
        "de": "Inspektion",
        "it": "Ispezione",
        "es": "Inspección",
        "pt": "Inspeção",
        "nl": "Inspectie",
        "ja": "点検",
        "zh-hans": "检查",
        "ar": "الفحص",
    },
}


def kind_words(*, kind: str, language: str) -> str:
    """The kind of appointment as the client reads it in `language` (else English)."""
    words = KIND_WORDS[kind]
    return words.get(language, words["en"])
