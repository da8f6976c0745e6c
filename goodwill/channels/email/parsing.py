"""Reading raw mail without ever giving up on it.

Real mail is broken in every way a parser can imagine: bad charsets, raw 8-bit headers, missing
boundaries, truncated base64, NUL bytes. The rules here: the stdlib `email` package with the
compat32 policy, whose headers stay raw text until read (the modern policy parses each header
through its registry at every access: 1.7 ms a message against 0.3, for the same result here,
as every header is decoded by decode_header_value); every byte that does not decode is replaced,
never fatal; anything that cannot be read at all raises `Unreadable`, which the
caller records (the raw message is already stored) before moving on to the next message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.feedparser import BytesFeedParser
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parseaddr
from pathlib import Path

from goodwill.channels.email import body
from goodwill.text import one_line, text_codec

CHUNK = 1024 * 1024
MAX_PARTS = 500
MAX_DEPTH = 30
_MSGID = re.compile(r"<[^<>\s]{1,480}>")
_CASE_REF = re.compile(r"\bGW-(\d{4})-(\d{9})\b", re.IGNORECASE)
_ANGLE_ADDRESS = re.compile(r"<([^<>@\s]+@[^<>@\s]+)>")


class Unreadable(Exception):
    """The message cannot be processed; str(error) is the reason shown to managers."""


class Quarantine(Unreadable):
    """The message is readable but must not be processed as is (too big, too many parts)."""


@dataclass
class Part:
    position: int
    filename: str
    content_type: str
    message: Message


@dataclass
class Parsed:
    sender_name: str = ""
    sender: str = ""
    subject: str = ""
    message_id: str | None = None
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    text: str = ""
    html: str = ""  # sanitised within the limits (body.prepare), remote images kept
    html_blocked: str = ""  # the same without remote images; "" when it shows no image
    html_cut: body.Cut = field(default_factory=body.Cut)
    attachments: list[Part] = field(default_factory=list)
    automatic: str = ""  # why this is an auto-reply, bounce or list mail; "" for a person's mail
    defects: list[str] = field(default_factory=list)

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this one answers, the most direct first."""
        return list(dict.fromkeys([*self.in_reply_to, *reversed(self.references)]))

    def case_references(self) -> list[str]:
        return [f"GW-{y}-{n}" for y, n in _CASE_REF.findall(self.subject)]

    def case_references_in_ids(self) -> list[str]:
        """Case references our own Message-IDs carry (<gw-2025-000001091.8.…@…>)."""
        return [f"GW-{y}-{n}" for mid in self.thread_ids for y, n in _CASE_REF.findall(mid)]

    def case_references_in_body(self) -> list[str]:
        return [f"GW-{y}-{n}" for y, n in _CASE_REF.findall(self.text[:20000])]


def clean_text(value: str) -> str:
    """PostgreSQL refuses NUL in text; lone surrogates (undecodable bytes) cannot be stored
    either."""
    return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Text from bytes in their declared charset. An unknown charset, or one we refuse to run
    (punycode decodes in quadratic time; goodwill.text.text_codec), is read as UTF-8, else
    Windows-1252, with replacement: it spoils that text, never the message."""
    name = text_codec(charset or "utf-8")
    if name in (None, "ascii"):
        name = "utf-8"  # mislabelled 8-bit text is more often UTF-8 than not
    try:
        return data.decode(name)
    except Exception:  # UnicodeError, or anything else a codec raises on strange input
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("windows-1252", errors="replace")


def _raw_header_text(value: str) -> str:
    """Raw header bytes arrive as surrogate escapes: read them as UTF-8, else Windows-1252."""
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value
    return _decode_bytes(data, "utf-8")


def decode_header_value(raw: str | None) -> str:
    """A header's text with RFC 2047 words decoded and anything undecodable replaced, as one
    line of visible text: no control character, no bidi override or other invisible format
    character (a sender named "\u202eelif.exe" cannot reverse what the page shows after it)."""
    if not raw:
        return ""
    raw = _raw_header_text(str(raw))
    try:
        pieces = decode_header(raw)
    except Exception:  # a malformed encoded word: keep the text as it came
        return one_line(clean_text(raw))
    out: list[str] = []
    for chunk, charset in pieces:
        out.append(_decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    return one_line(clean_text("".join(out)))


def _header(message: Message, name: str) -> str:
    """The header's decoded text. raw_items() never parses, so a header the modern policy would
    choke on is still read."""
    lower = name.lower()
    for key, value in message.raw_items():
        if key.lower() == lower:
            return decode_header_value(value)
    return ""


def _message_ids(value: str) -> list[str]:
    return _MSGID.findall(value)


_HEADER_LINE = re.compile(rb"^(?:[!-9;-~]+[ \t]*:|[ \t])")
_HEAD_END = re.compile(rb"\r?\n\r?\n")
HEAD_MAX = 2 * 1024 * 1024


def clean_head(head: bytes) -> bytes:
    """The header block without lines that are not headers ("X-Garbage line without colon", an
    mbox "From " line): the parser would take such a line for the start of the body and lose
    every header after it, Message-ID and In-Reply-To included."""
    lines = head.splitlines(keepends=True)
    kept = [line for line in lines if _HEADER_LINE.match(line)]
    return head if len(kept) == len(lines) else b"".join(kept)


def parse_file(path: Path) -> Message:
    """Parse with the compat32 policy (module docstring), streaming from disk."""
    parser = BytesFeedParser(policy=policy.compat32)
    try:
        with path.open("rb") as handle:
            first = handle.read(CHUNK)
            while (end := _HEAD_END.search(first)) is None and len(first) < HEAD_MAX:
                more = handle.read(CHUNK)
                if not more:
                    break
                first += more
            if end is not None:
                first = clean_head(first[: end.start()]) + first[end.start() :]
            parser.feed(first)
            del first
            while chunk := handle.read(CHUNK):
                parser.feed(chunk)
        return parser.close()
    except Exception as error:
        raise Unreadable("the MIME structure cannot be parsed") from error


def _leaves(message: Message) -> Iterator[Message]:
    """Leaf parts, depth first, without recursion (a message can nest thousands deep)."""
    stack: list[tuple[Message, int]] = [(message, 0)]
    count = 0
    while stack:
        part, depth = stack.pop()
        count += 1
        if count > MAX_PARTS:
            raise Quarantine(f"more than {MAX_PARTS} MIME parts")
        if depth > MAX_DEPTH:
            raise Quarantine(f"MIME parts nested more than {MAX_DEPTH} deep")
        # Only a multipart's payload is read here: a leaf's get_payload() decodes 8-bit text in
        # its declared charset, which may be one that raises (idna, "undefined", a NUL).
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend(
                (child, depth + 1) for child in reversed(payload) if isinstance(child, Message)
            )
        else:
            yield part


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(part.get_payload()).encode("utf-8", "surrogateescape")
    return clean_text(_decode_bytes(payload, part.get_content_charset()))


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if not name:
        try:
            name = part.get_param("name")  # type: ignore[assignment]
        except Exception:
            name = None
    if isinstance(name, tuple):  # an RFC 2231 value compat32 did not collapse
        name = name[2]
    return decode_header_value(str(name)) if name else ""


def _automatic(message: Message, sender: str) -> str:
    """Why this message was sent by a machine (RFC 3834 and the usual conventions), or ""."""
    auto = _header(message, "Auto-Submitted").lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto}"
    precedence = _header(message, "Precedence").lower()
    if precedence in ("bulk", "list", "junk"):
        return f"Precedence: {precedence}"
    if _header(message, "List-Id"):
        return "mailing list (List-Id)"
    for name in ("X-Autoreply", "X-Autorespond"):
        if _header(message, name):
            return name
    if message.get_content_type() == "multipart/report":
        return "delivery status report"
    return_path = _header(message, "Return-Path")
    if any(k.lower() == "return-path" for k, _v in message.raw_items()) and return_path.strip() in (
        "",
        "<>",
    ):
        return "empty Return-Path (bounce)"
    local = sender.split("@", 1)[0].lower()
    if local in ("mailer-daemon", "postmaster"):
        return f"sent by {local.upper()}"
    return ""


def read(message: Message) -> Parsed:
    """Everything processing needs from a parsed message."""
    parsed = Parsed()
    from_header = _header(message, "From")
    name, address = parseaddr(from_header)
    angle = _ANGLE_ADDRESS.findall(from_header)
    if angle and (address != angle[-1]):
        # Unquoted specials in the display name ("<b>Tom</b> <tom@x>") confuse parseaddr; the last
        # <address> is the one a mail program would reply to.
        address = angle[-1]
        name = from_header[: from_header.rfind(f"<{address}>")].strip().strip('"')
    elif not address and from_header:
        pairs = getaddresses([from_header])
        name, address = pairs[0] if pairs else ("", "")
    parsed.sender_name = one_line(clean_text(name), limit=200)
    parsed.sender = one_line(clean_text(address), limit=254)
    parsed.subject = _header(message, "Subject")[:300]
    ids = _message_ids(_header(message, "Message-ID"))
    parsed.message_id = ids[0] if ids else None
    parsed.in_reply_to = _message_ids(_header(message, "In-Reply-To"))[:5]
    parsed.references = _message_ids(_header(message, "References"))[-50:]
    parsed.automatic = _automatic(message, parsed.sender)
    position = 0
    for part in _leaves(message):
        try:
            attachment = _read_part(parsed, part)
        except Exception as error:  # one broken part spoils itself: kept as a file, not read
            parsed.defects.append(f"part {position + 1} unreadable: {type(error).__name__}")
            attachment = ("", "application/octet-stream")
        if attachment is not None:
            position += 1
            filename, content_type = attachment
            parsed.attachments.append(
                Part(position=position, filename=filename, content_type=content_type, message=part)
            )
    if not parsed.text and parsed.html:
        parsed.text = body.html_to_text(parsed.html)
    parsed.defects = [*parsed.defects, *(type(d).__name__ for d in message.defects)][:10]
    return parsed


def _read_part(parsed: Parsed, part: Message) -> tuple[str, str] | None:
    """Take the first plain and HTML bodies into `parsed`; (file name, type) for a part to keep
    as an attachment, None for one that is neither."""
    content_type = part.get_content_type()
    disposition = (part.get_content_disposition() or "").lower()
    filename = _filename(part)
    inline = disposition != "attachment" and not filename
    if inline and content_type == "text/plain" and not parsed.text:
        parsed.text = _part_text(part)
    elif inline and content_type == "text/html" and not parsed.html:
        prepared = body.prepare(_part_text(part))
        parsed.html, parsed.html_blocked, parsed.html_cut = prepared
    elif content_type.startswith("multipart/") or (content_type.startswith("text/") and inline):
        return None  # an empty multipart, or a second text body (signatures, footers)
    else:
        return filename, content_type
    return None
