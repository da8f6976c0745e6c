"""A message's HTML, made safe once, at intake, within limits.

The sanitiser (nh3, on html5ever) takes time that grows with the square of how deep elements
nest: a message of 100,000 nested <div>s held a worker for a minute, and every page showing it
for half a minute more, when it was sanitised again at each view. So, before nh3 sees it, the
HTML is cut at `MAX_CHARS` characters and every element deeper than `MAX_DEPTH` loses its tags
(its text stays, one level up); nh3's output goes through the same limit again, exactly this time
(it is well formed), so what is stored, shown and turned into text nests at most `MAX_DEPTH`
deep. What was cut is recorded (`Cut`) and said on the page, and the raw message stays
downloadable. Pages never sanitise: they show what was stored.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import NamedTuple

import nh3

MAX_CHARS = 1_000_000
MAX_DEPTH = 200
# Raised whenever the rules below change what is stored: a message prepared by an earlier
# version is prepared again, once, when it is next shown (services.inbound_body_prepare).
VERSION = 1

_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
# Their content is text to the HTML parser, whatever it looks like.
_RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes noscript")
_RAW_TEXT_END = {name: re.compile(f"</{name}", re.IGNORECASE) for name in _RAW_TEXT}
# Elements an HTML parser closes when another of the same kind opens ("<p>a<p>b").
_SELF_CLOSING_SIBLINGS = {
    "p": _names("p"),
    "li": _names("li"),
    "td": _names("td th"),
    "th": _names("td th"),
    "tr": _names("tr"),
    "dt": _names("dt dd"),
    "dd": _names("dt dd"),
    "option": _names("option"),
}
_END_TAG_SEARCH = 64  # how far down the open elements an end tag looks for its start tag
# An end tag closes its element only when no element of these stands in between (the HTML
# standard's "scope"); otherwise the parser ignores it ("<div><table><td></div>" closes nothing),
# and so must the count, or markup that repeats it would nest deeper than counted.
_SCOPE = _names(
    "applet caption html table td th marquee object template svg math mi mo mn ms mtext "
    "annotation-xml foreignobject desc title"
)
# Elements that stop an end tag of an ordinary element (<span>, <b>, <font>…) from reaching
# past them (the standard's "special" category), whatever the parser would then do.
_SPECIAL = _SCOPE | _names(
    "address area article aside base basefont bgsound blockquote body br button center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame "
    "frameset h1 h2 h3 h4 h5 h6 head header hgroup hr iframe img input keygen li link listing "
    "main menu meta nav noembed noframes noscript ol p param plaintext pre script search "
    "section select source style summary tbody textarea tfoot thead tr track ul wbr xmp"
)
_EXTRA_SCOPE = {"li": _names("ol ul"), "p": _names("button")}
_NONE = _names("")


@dataclass(frozen=True)
class Cut:
    """What the limits took away: the length before cutting, the deepest nesting flattened."""

    chars: int = 0
    depth: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in (("chars", self.chars), ("depth", self.depth)) if v}


def limit_depth(value: str, *, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """`value` with the tags of every element nested deeper than `max_depth` removed (their
    content kept), and the deepest nesting found when that removed anything, else 0.

    One linear pass that follows the nesting as an HTML parser would, closely enough to keep the
    parser's work small: it over-counts markup that leaves elements open. The parser can still
    nest a little deeper than counted (formatting elements it opens again, such as <b> across
    paragraphs); on the sanitiser's well-formed output the count is exact, so `prepare` applies
    this again there."""
    out: list[str] = []
    open_tags: list[tuple[str, bool]] = []  # (name, its tags kept)
    kept_depth = deepest = 0
    position = 0
    while (match := _TAG.search(value, position)) is not None:
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            drop = False
            bottom = max(len(open_tags) - _END_TAG_SEARCH, 0)
            stops = (_SCOPE | _EXTRA_SCOPE.get(name, _NONE)) if name in _SPECIAL else _SPECIAL
            for index in range(len(open_tags) - 1, bottom - 1, -1):
                if open_tags[index][0] == name:
                    drop = not open_tags[index][1]  # its start tag was removed: so is this
                    kept_depth -= sum(1 for _name, kept in open_tags[index:] if kept)
                    del open_tags[index:]
                    break
                if open_tags[index][0] in stops:
                    break
            # An end tag with no such element open nearby is ignored by the parser: kept as is.
            out.append(value[position : match.start() if drop else match.end()])
            position = match.end()
            continue
        # "<div/>" opens a <div> all the same: only void elements stand alone.
        if name in _VOID:
            out.append(value[position : match.end()])
            position = match.end()
            continue
        siblings = _SELF_CLOSING_SIBLINGS.get(name)
        if siblings and open_tags and open_tags[-1][0] in siblings:
            kept_depth -= 1 if open_tags.pop()[1] else 0
        keep = kept_depth < max_depth
        open_tags.append((name, keep))
        deepest = max(deepest, len(open_tags))
        kept_depth += 1 if keep else 0
        out.append(value[position : match.end() if keep else match.start()])
        position = match.end()
        if name in _RAW_TEXT:  # nothing inside is markup: on to its end tag
            end = _RAW_TEXT_END[name].search(value, position)
            stop = len(value) if end is None else end.start()
            out.append(value[position:stop])
            position = stop
    out.append(value[position:])
    return "".join(out), (deepest if deepest > max_depth else 0)


def limit(value: str) -> tuple[str, Cut]:
    """The HTML cut to `MAX_CHARS` and flattened below `MAX_DEPTH`, and what that took away."""
    chars = len(value) if len(value) > MAX_CHARS else 0
    limited, depth = limit_depth(value[:MAX_CHARS])
    return limited, Cut(chars=chars, depth=depth)


class Prepared(NamedTuple):
    html: str
    blocked: str  # without remote images; "" when `html` has no image
    cut: Cut


def prepare(value: str) -> Prepared:
    """Mail HTML as it is stored and shown: within the limits, sanitised, and a second copy
    without remote images when it has any image at all."""
    limited, cut = limit(value)
    # The sanitiser's output is well formed: limited again, the count is exact.
    cleaned, deeper = limit_depth(sanitize_html(limited))
    blocked = sanitize_html(cleaned, images=False) if "<img" in cleaned else ""
    return Prepared(cleaned, blocked, Cut(chars=cut.chars, depth=max(cut.depth, deeper)))


def html_to_text(value: str) -> str:
    """The text of sanitised HTML, a line break after each block. The end tags stay: without
    them every <div> would nest in the one before, and the parser's work grow with the square."""
    text = _BLOCK_END.sub(r"\g<0>\n", value)
    text = html.unescape(nh3.clean(text, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>")


def _no_remote_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.startswith("data:"):
        return None
    return value


def sanitize_html(value: str, *, images: bool = True) -> str:
    """Mail HTML reduced to harmless markup: no script, style, form, event handler or
    javascript: URL. images=False also drops remote image sources: they tell the sender when and
    where it was read."""
    return nh3.clean(
        value,
        attribute_filter=None if images else _no_remote_images,
        # class, id and type say where quoted history starts (gmail_quote, divRplyFwdMsg, cite);
        # inside the sandboxed frame no stylesheet or script of the sender's can use them.
        attributes={
            **nh3.ALLOWED_ATTRIBUTES,
            "div": {"class", "id"},
            "blockquote": {"class", "type", "cite"},
            "hr": {"id"},
        },
        clean_content_tags={
            "script",
            "style",
            "title",
            "head",
            "svg",
            "math",
            "template",
            "noscript",
        },
        url_schemes={"http", "https", "mailto", "cid", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
