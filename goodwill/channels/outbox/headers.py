"""Values that reach a header of mail we send, made safe whatever they contain.

A client's name typed on the contact form, a subject, the name on a staff notice: any of them
may carry a line break, a NUL, or an RFC 2047 encoded word hiding one
("=?utf-8?q?Tom=0D=0ABcc:_x@evil.example?="). The standard library folds a header through its
own parser, which decodes such words, and before Python 3.12.5 it wrote the decoded line break
out raw: a new header, or a body, chosen by a stranger (CVE-2024-6923). So each value is first
read as that parser would read it (encoded words decoded), then reduced to one line of visible
text (goodwill.text.one_line), and whatever still looks like an encoded word is broken up:
the parser is left nothing to decode, on any interpreter. Only then does it go into a
`headerregistry` object (`Address`) or an `EmailMessage` header, which encode it properly.

Pure standard library (no Django): tests run it under every interpreter they find.
"""

from __future__ import annotations

import re
from email.header import decode_header
from email.headerregistry import Address

from goodwill.text import one_line, text_codec

NAME_MAX = 200
SUBJECT_MAX = 300
_ENCODED_WORD_START = "=?"
# A Message-ID we may repeat in In-Reply-To/References: printable ASCII between angle brackets.
_MESSAGE_ID = re.compile(r"<[!-;=?-~]{1,480}>")
_ADDRESS_FORBIDDEN = frozenset('<>,;:"()[]\\')


def _decoded(value: str) -> str:
    """`value` with its RFC 2047 encoded words decoded, as the header parser would read them."""
    for _round in range(3):  # an encoded word may decode to another one
        if _ENCODED_WORD_START not in value:
            return value
        try:
            pieces = decode_header(value)
        except Exception:  # a malformed word: left as it is, and broken up below
            return value
        words: list[str] = []
        for chunk, charset in pieces:
            if isinstance(chunk, bytes):
                # decode_header hands plain text back encoded as raw-unicode-escape.
                codec = "raw-unicode-escape" if charset is None else text_codec(charset) or "utf-8"
                try:
                    chunk = chunk.decode(codec, errors="replace")
                except Exception:
                    chunk = chunk.decode("utf-8", errors="replace")
            words.append(chunk)
        decoded = "".join(words)
        if decoded == value:
            return value
        value = decoded
    return value


def header_text(value: str, *, limit: int = SUBJECT_MAX) -> str:
    """One line of visible text, safe in any header: no CR, LF, NUL or other control character,
    no invisible format character, no encoded word left for the header parser to decode, at
    most `limit` characters."""
    text = one_line(_decoded(str(value)))
    # "= ?" reads the same to a person and is no encoded word to a parser.
    text = text.replace(_ENCODED_WORD_START, "= ?")
    return one_line(text, limit=limit)


def mail_address(address: str, *, name: str = "") -> Address:
    """The recipient as an `Address`, its display name through `header_text`. ValueError when
    `address` is not one plain address (a second one, a comment, a line break, a control
    character)."""
    address = address.strip()
    username, at, domain = address.rpartition("@")
    if (
        not at
        or not username
        or not domain
        or not address.isprintable()
        or any(ch.isspace() or ch in _ADDRESS_FORBIDDEN for ch in address)
    ):
        raise ValueError(f"not an e-mail address: {address!r}")
    return Address(display_name=header_text(name, limit=NAME_MAX), username=username, domain=domain)


def message_ids(value: str) -> str:
    """The well-formed Message-IDs in `value`, space separated: anything else (a line break, a
    control or non-ASCII character, a stray word) is left out of In-Reply-To and References."""
    return " ".join(_MESSAGE_ID.findall(value))
