"""A survey answered is announced (SurveyAnswered): an integration subscribed to it gets a
signed delivery, as for every other event (goodwill.integrations)."""

from __future__ import annotations

from typing import Any

from goodwill.integrations.models import WebhookDelivery
from goodwill.integrations.services import webhook_endpoint_create
from goodwill.organisation.models import User
from goodwill.surveys.models import Survey
from goodwill.surveys.services import survey_submit


def test_a_final_answer_is_recorded_for_the_subscribed_webhooks(
    sent: Survey, manager: User, settings: Any
) -> None:
    settings.GOODWILL_WEBHOOK_ALLOW_PRIVATE = True
    endpoint = webhook_endpoint_create(
        actor=manager, url="http://127.0.0.1:9/hook", events=["survey.answered"]
    )

    survey_submit(survey=sent, score=2, effort=None, comment="", channel="portal")

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.event == "survey.answered"
    assert delivery.payload["data"]["score"] == 2 and delivery.payload["data"]["detractor"]
