"""Whatever a signed request carries, the webhook answers 200 or 400: never an error page, and the
screen pop reads any number a provider may send."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.channels.phone.selectors import screen_pop
from goodwill.channels.phone.tests.conftest import Poster
from goodwill.organisation.models import User

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
anything = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    text,
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)
_ids = itertools.count()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    event=st.sampled_from(["ringing", "answered", "ended"]),
    number=text,
    who=anything,
    at=anything,
    duration=anything,
)
def test_any_generic_event_is_answered_without_error(
    post_event: Poster,
    agent: User,
    event: str,
    number: str,
    who: object,
    at: object,
    duration: object,
) -> None:
    payload = {
        "event": event,
        "call_id": f"h-{next(_ids)}",
        "from": number,
        "agent": who,
        "at": at,
        "duration_seconds": duration,
    }
    assert post_event(payload).status_code in (200, 400)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "CallSid",
                "From",
                "To",
                "CallStatus",
                "CallDuration",
                "Direction",
                "Timestamp",
                "Agent",
            ]
        ),
        text,
    )
)
def test_any_twilio_form_is_answered_without_error(
    post_event: Poster, db: None, fields: dict[str, str]
) -> None:
    assert post_event(fields, twilio=True).status_code in (200, 400)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=text)
def test_the_pop_reads_any_number(agent: User, number: str) -> None:
    caller = screen_pop(number=number, viewer=agent, language="en")
    assert caller.client is None and isinstance(caller.likely_languages, list)
