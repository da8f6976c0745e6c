"""Sending e-mail over SMTP (stdlib smtplib), configured by GOODWILL_SMTP_URL:

    smtp://user:pass@host:587?tls=starttls   (the default for smtp://)
    smtps://user:pass@host:465               (implicit TLS; same as ?tls=ssl)
    smtp://host:25?tls=none                  (a relay on a trusted network)

A 4xx reply or a connection problem is temporary (the sweep tries again with backoff); a 5xx
reply to the message is permanent. A refused login, or a server demanding TLS or a login
(530/534/535/538), is treated as temporary: it is our configuration, not the message, that is
wrong, and the message should go once it is fixed (after the last attempt it fails, visibly).
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from urllib.parse import parse_qsl, unquote, urlparse

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.transport import (
    PermanentError,
    TemporaryError,
    Transport,
    build_email,
)

# 5xx replies that blame our configuration (TLS or a login required, credentials refused), not
# the message: failing every message for them would lose mail that goes once the URL is fixed.
_CONFIGURATION_CODES = frozenset({530, 534, 535, 538})


def _reply_error(code: int, reply: bytes | str) -> PermanentError | TemporaryError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    detail = f"SMTP {code} {text}".strip()
    if code in _CONFIGURATION_CODES:
        return TemporaryError(f"{detail} (check GOODWILL_SMTP_URL)")
    return PermanentError(detail) if 500 <= code <= 599 else TemporaryError(detail)


class SmtpTransport(Transport):
    name = "smtp"

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        parsed = urlparse(url)
        self.host = parsed.hostname or "localhost"
        self.tls = dict(parse_qsl(parsed.query)).get(
            "tls", "ssl" if parsed.scheme == "smtps" else "starttls"
        )
        self.port = parsed.port or (
            465 if self.tls == "ssl" else 587 if self.tls == "starttls" else 25
        )
        self.username = unquote(parsed.username or "")
        self.password = unquote(parsed.password or "")
        self.timeout = timeout

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: OutboundMessage) -> None:
        mail = build_email(message)
        try:
            smtp = self._connect()
        except smtplib.SMTPAuthenticationError as error:
            raise TemporaryError(
                f"SMTP login refused ({error.smtp_code}): check GOODWILL_SMTP_URL"
            ) from error
        except smtplib.SMTPResponseException as error:
            raise TemporaryError(
                f"SMTP server refused the connection: {error.smtp_code}"
            ) from error
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryError(
                f"Cannot reach the SMTP server {self.host}:{self.port}: {error}"
            ) from error
        try:
            refused = smtp.send_message(mail, to_addrs=[message.to_address.strip()])
            if refused:  # only possible with several recipients; kept for safety
                code, reply = next(iter(refused.values()))
                raise _reply_error(code, reply)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            raise _reply_error(code, reply) from error
        except smtplib.SMTPResponseException as error:  # sender refused, data refused, …
            raise _reply_error(error.smtp_code, error.smtp_error) from error
        except smtplib.SMTPNotSupportedError as error:  # a non-ASCII address the server cannot take
            raise PermanentError(f"The SMTP server cannot send to this address: {error}") from error
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryError(f"SMTP connection lost while sending: {error}") from error
        finally:
            # QUIT without waiting for its reply: the message was accepted at DATA's 250, and
            # every millisecond between that reply and delivery recording "sent" is a window
            # in which a killed worker leaves a message that will be sent twice.
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.send("QUIT\r\n")
            smtp.close()
