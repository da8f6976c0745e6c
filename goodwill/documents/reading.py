"""Reading a document: its type from its bytes, its text (the PDF's own text, else Tesseract on
the image or on the scanned pages), what kind of document it is and the facts a person looks
for in it. `sniff`, `recognise` and `codes` are pure; `extract_text` runs Tesseract and belongs in
the worker."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from collections.abc import Iterable

import filetype
from django.conf import settings

from goodwill.clients.normalize import code_normalized, folded

PDF = "application/pdf"
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/tiff"})
# What the vault takes: the documents clients send, never programs, archives or HTML.
ACCEPTED_TYPES = IMAGE_TYPES | {PDF, "text/plain"}
# Videos only where staff add the workshop's films of a quote's work (quotes.services). Typed by
# their bytes like the rest (filetype), never read for text.
VIDEO_TYPES = frozenset({"video/mp4", "video/webm", "video/quicktime"})
WITH_VIDEO_TYPES = ACCEPTED_TYPES | VIDEO_TYPES
# Below this many letters a PDF page's own text is taken for a scan and read by Tesseract.
_SCANNED_BELOW = 20


class Unreadable(Exception):
    """The text could not be read (a broken PDF, Tesseract missing or failing)."""


def sniff(content: bytes) -> str:
    """The type of the bytes, read from their magic numbers; plain text when they decode as
    UTF-8 without control characters; else application/octet-stream. The file's name and what
    the sender claimed are never asked."""
    kind = filetype.guess(content[:8192])
    if kind is not None:
        return str(kind.mime)
    head = content[:8192]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the end of the head is still text.
        try:
            text = head[:-3].decode("utf-8") if len(head) > 3 else ""
        except UnicodeDecodeError:
            return "application/octet-stream"
    if text and all(ch.isprintable() or ch in "\t\r\n\f" for ch in text):
        lowered = text.lstrip().lower()
        if lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")):
            return "text/html"  # refused: never stored as a client's document
        return "text/plain"
    return "application/octet-stream"


def tesseract_available() -> bool:
    return shutil.which(settings.GOODWILL_TESSERACT_CMD) is not None


def _ocr_image(image: object) -> str:
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = settings.GOODWILL_TESSERACT_CMD
    try:
        return str(
            pytesseract.image_to_string(image, lang=settings.GOODWILL_OCR_LANGUAGES, timeout=60)
        )
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, RuntimeError) as error:
        raise Unreadable(f"tesseract: {error}") from error


def _ocr_bytes(content: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            return _ocr_image(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise Unreadable(f"image: {error}") from error


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        pages: list[str] = []
        for page in reader.pages[: settings.GOODWILL_DOCUMENT_MAX_PAGES]:
            own = page.extract_text() or ""
            if sum(ch.isalpha() for ch in own) >= _SCANNED_BELOW:
                pages.append(own)
                continue
            # A scanned page: its text is in its pictures.
            scanned = [_ocr_bytes(picture.data) for picture in page.images]
            pages.append("\n".join([own, *scanned]).strip())
        return "\n\f".join(pages)
    except PyPdfError as error:
        raise Unreadable(f"pdf: {error}") from error


def extract_text(content: bytes, mime_type: str) -> str:
    """The document's text: a PDF's own, Tesseract for images and scanned pages."""
    if mime_type == PDF:
        return _pdf_text(content)
    if mime_type in IMAGE_TYPES:
        return _ocr_bytes(content)
    if mime_type == "text/plain":
        return content.decode("utf-8", "replace")
    return ""


# --- what kind of document, and its facts ------------------------------------------------------

# Words that name a kind of document, folded (lower case ASCII), in the brand's languages.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "proof_of_purchase": (
        "invoice", "receipt", "proof of purchase", "order confirmation", "order number",
        "bill of sale", "facture", "recu", "ticket de caisse", "bon de commande",
        "numero de commande", "rechnung", "quittung", "kaufbeleg", "bestellnummer", "fattura",
        "ricevuta", "scontrino", "factura", "recibo", "factuur", "bestelnummer", "fatura",
    ),
    "quote": (
        "quote", "quotation", "estimate", "devis", "kostenvoranschlag", "angebot", "preventivo",
        "presupuesto", "offerte", "orcamento",
    ),
    "registration": (
        "registration certificate", "vehicle registration", "certificat d'immatriculation",
        "carte grise", "zulassungsbescheinigung", "fahrzeugschein", "libretto di circolazione",
        "carta di circolazione", "permiso de circulacion", "kentekenbewijs", "kenteken",
    ),
    "identity": (
        "passport", "identity card", "passeport", "carte d'identite", "carte nationale",
        "personalausweis", "reisepass", "carta d'identita", "passaporto", "documento nacional",
        "identiteitskaart", "paspoort", "driving licence", "permis de conduire", "fuhrerschein",
    ),
    "insurance": (
        "insurance", "policy number", "assurance", "attestation d'assurance", "versicherung",
        "police", "assicurazione", "polizza", "seguro", "poliza", "verzekering",
    ),
    "warranty_card": (
        "warranty card", "warranty certificate", "certificat de garantie", "carte de garantie",
        "garantiekarte", "garantieschein", "certificato di garanzia", "tarjeta de garantia",
        "garantiebewijs",
    ),
}  # fmt: skip
# Strongest first: an invoice for a quote's work is an invoice.
KIND_ORDER = (
    "proof_of_purchase",
    "registration",
    "identity",
    "insurance",
    "warranty_card",
    "quote",
)
_KIND_PATTERNS = {
    kind: re.compile(
        r"(?<![a-z])(?:"
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + ")"
    )
    for kind, words in KIND_WORDS.items()
}

_NUMBER = re.compile(
    r"(?:invoice|order|receipt|facture|commande|rechnung|bestell|fattura|ordine|factura|pedido|"
    r"factuur|policy|police|polizza|quote|devis)\w*\s*(?:no\.?|n[o°º]\.?|nr\.?|number|numero|"
    r"nummer|#)?\s*[:.]?\s*((?=[A-Z\-/]*\d)[A-Z0-9][A-Z0-9\-/]{3,30})",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b",
)
_AMOUNT = re.compile(
    r"(?:(EUR|CHF|USD|GBP|€|\$|£)\s?(\d{1,3}(?:[ ,.'’]\d{3})*(?:[.,]\d{2})?)"
    r"|(\d{1,3}(?:[ ,.'’]\d{3})*(?:[.,]\d{2}))\s?(EUR|CHF|USD|GBP|€))"
)
_VIN = re.compile(r"\b([A-HJ-NPR-Z0-9]{17})\b")
_SERIAL = re.compile(
    r"(?:serial|s/n|sn|serie|seriennummer|matricola)\w*\s*(?:no\.?|nr\.?|number|numero)?\s*[:.]?"
    r"\s*((?=[A-Z\-]*\d)[A-Z0-9][A-Z0-9\-]{4,30})",
    re.IGNORECASE,
)
# Any word with both letters or digits and at least one digit, long enough to name something.
_CODE = re.compile(r"\b(?=[\w\-/]*\d)[A-Za-z0-9][A-Za-z0-9\-/]{4,40}\b")


def names_kind(text: str, kind: str) -> bool:
    """Whether the text names a kind of document ("my invoice", "la carte grise")."""
    return _KIND_PATTERNS[kind].search(folded(text)) is not None


@dataclasses.dataclass(frozen=True)
class Recognised:
    kind: str
    facts: dict[str, str]


def recognise(*, text: str, filename: str, mime_type: str) -> Recognised:
    """The kind of document (its words, then its name; a picture without words is a photo) and
    the facts a person looks for: its number, date, amount, VIN and serial."""
    words = folded(text)
    name = folded(re.sub(r"[_\-.]+", " ", filename))
    kind = next((k for k in KIND_ORDER if _KIND_PATTERNS[k].search(words)), "")
    if not kind:
        kind = next((k for k in KIND_ORDER if _KIND_PATTERNS[k].search(name)), "")
    if not kind and mime_type in IMAGE_TYPES and sum(ch.isalpha() for ch in text) < 40:
        kind = "photo"
    facts: dict[str, str] = {}
    if match := _NUMBER.search(text):
        facts["number"] = match.group(1).rstrip("-/")
    if match := _DATE.search(text):
        facts["date"] = match.group(1)
    if match := _AMOUNT.search(text):
        currency = match.group(1) or match.group(4)
        value = match.group(2) or match.group(3)
        facts["amount"] = f"{'EUR' if currency == '€' else currency} {value}"
    vin = _VIN.search(text.upper())
    if vin and any(ch.isdigit() for ch in vin[1]) and any(ch.isalpha() for ch in vin[1]):
        facts["vin"] = vin[1]
    if match := _SERIAL.search(text):
        facts["serial"] = match.group(1)
    return Recognised(kind=kind, facts=facts)


def codes(*, text: str, facts: dict[str, str], limit: int = 500) -> list[str]:
    """The normalised codes of a document for search: its facts' numbers and every word of its
    text with a digit in it (order numbers, references, serials), at most `limit`."""
    found: dict[str, None] = {}
    candidates: Iterable[str] = (
        *(facts.get(key, "") for key in ("number", "vin", "serial")),
        *_CODE.findall(text),
    )
    for raw in candidates:
        value = code_normalized(raw)
        if 5 <= len(value) <= 64 and sum(ch.isdigit() for ch in value) >= 3:
            found.setdefault(value, None)
        if len(found) >= limit:
            break
    return list(found)


_WORD = re.compile(r"[a-z0-9]+")
# Shorter words ("the", "nr") would find half the vault; longer ones are no word a person types.
WORD_MIN, WORD_MAX = 3, 40


def words(text: str, *, limit: int = 5000) -> list[str]:
    """The distinct words of a text for search, folded as names are (clients.normalize.folded:
    lower-case ASCII without accents), in the order they first appear, at most `limit`. The same
    function reads the typed query, so the index and the search cannot drift apart."""
    found: dict[str, None] = {}
    for word in _WORD.findall(folded(text)):
        if WORD_MIN <= len(word) <= WORD_MAX:
            found.setdefault(word, None)
            if len(found) >= limit:
                break
    return list(found)
