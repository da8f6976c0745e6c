"""The brand's own model server, when it points Goodwill at one (GOODWILL_MODEL_URL, off when
empty): an OpenAI-compatible chat endpoint it hosts, asked for reply drafts.

Only loopback over plain HTTP, anything else over HTTPS (goodwill.conf.model_url refuses the
rest at start). Every failure (refused, timed out, an HTTP error, an answer that is not the
documented JSON) is one `ModelError` with a reason a person can read; the caller falls back to
the template draft.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

# An answer bigger than this is no reply draft.
MAX_ANSWER_BYTES = 1_000_000


class ModelError(RuntimeError):
    """The model server gave no usable answer; the message says why."""


def model_enabled() -> bool:
    return bool(settings.GOODWILL_MODEL_URL)


def chat(messages: list[dict[str, str]], *, max_tokens: int = 600) -> str:
    """The model's answer to `messages` (OpenAI chat format), as text."""
    url = settings.GOODWILL_MODEL_URL.rstrip("/") + "/v1/chat/completions"
    payload = {
        "model": settings.GOODWILL_MODEL_NAME,
        "messages": messages,
        "max_tokens": max_tokens,
        "temperature": 0.2,
        "stream": False,
    }
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.GOODWILL_MODEL_TOKEN:
        headers["Authorization"] = f"Bearer {settings.GOODWILL_MODEL_TOKEN}"
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked at start (conf.model_url)
        url, data=json.dumps(payload).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(  # noqa: S310 - as above
            request, timeout=settings.GOODWILL_MODEL_TIMEOUT_SECONDS
        ) as response:
            raw = response.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ModelError(f"the model server answered HTTP {error.code}") from None
    except TimeoutError:
        raise ModelError("the model server did not answer in time") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise ModelError("the model server did not answer in time") from None
        raise ModelError(f"the model server cannot be reached ({reason})") from None
    if len(raw) > MAX_ANSWER_BYTES:
        raise ModelError("the model server's answer is too long")
    return _answer_text(raw)


def _answer_text(raw: bytes) -> str:
    try:
        data: Any = json.loads(raw)
        text = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise ModelError("the model server's answer is not a chat completion") from None
    if not isinstance(text, str) or not text.strip():
        raise ModelError("the model server's answer is empty")
    return text.strip()
