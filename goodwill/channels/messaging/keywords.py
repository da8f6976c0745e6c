"""The words a client texts to stop our texts, or to let them come again.

Only a message that is one of them as a whole (trimmed, case-folded, a final full stop or
exclamation mark ignored) is an instruction: "stop" is, "Please stop the engine noise" is not.
The opt-out words are the carriers' and Twilio's own (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
QUIT) and their usual forms in the brand's ten client languages; the opt-in words are the
carriers' (START, UNSTOP, YES). Pure: the channel reads a message's instruction with it, the
intake decides what it does (intake.services.intake_text_instruction).
"""

from __future__ import annotations

import unicodedata

STOP = "stop"
START = "start"

OPT_OUT = frozenset(
    {
        # en (and the carriers' own, whatever the language)
        "stop",
        "stopall",
        "stop all",
        "unsubscribe",
        "cancel",
        "end",
        "quit",
        "opt out",
        "opt-out",
        "optout",
        # fr
        "arret",
        "arrêt",
        "arrête",
        "arrete",
        "désabonner",
        "desabonner",
        "désinscrire",
        "desinscrire",
        # de
        "stopp",
        "abmelden",
        "abbestellen",
        # it
        "basta",
        "disiscrivi",
        "cancellami",
        # es
        "alto",
        "parar",
        "baja",
        "cancelar",
        # pt
        "pare",
        "sair",
        "cancelar inscrição",
        # nl
        "afmelden",
        "uitschrijven",
        # ja
        "停止",
        "配信停止",
        "ストップ",
        # zh-hans ("TD": 退订, the standard reply to unsubscribe in China)
        "退订",
        "取消订阅",
        "td",
        # ar
        "إيقاف",
        "ايقاف",
        "توقف",
        "إلغاء الاشتراك",
        "الغاء الاشتراك",
    }
)
# Lifts a STOP. "yes" is an instruction only from a client who stopped texts (a "yes" from
# anyone else answers a question): the intake decides.
OPT_IN = frozenset({"start", "unstop", "yes"})

# What may follow the word: "Stop." "STOP!" "停止。"
_TRAILING = ".!。！ \t\n"


def folded(body: str) -> str:
    """The message as the lists hold words: NFC, trimmed, one space between words, case-folded,
    without a final full stop or exclamation mark."""
    text = unicodedata.normalize("NFC", body)
    text = " ".join(text.split()).casefold()
    return text.rstrip(_TRAILING).strip()


def instruction(body: str) -> str:
    """STOP when the whole message is an opt-out word, START when it is an opt-in word, else ""."""
    word = folded(body)
    if word in OPT_OUT:
        return STOP
    if word in OPT_IN:
        return START
    return ""
