"""POST /api/journeys/milestones: the factory or logistics system tells us a car was built,
shipped or arrived, authenticated by a bearer token (GOODWILL_JOURNEY_FEED_TOKEN), as the mail
provider posts to /api/mail/inbound. The answer says, per item, what moved, what was already
known and what was kept aside with its reason; a body that is not a list of milestones is 400."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import Field
from pydantic import ValidationError as PydanticError

from goodwill.http import BadInput, json_checked
from goodwill.journeys.feed import row_read
from goodwill.journeys.models import JourneyStep
from goodwill.journeys.services import feed_apply

router = Router(tags=["journeys"])

MAX_ITEMS = 1000


class FeedToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        expected = settings.GOODWILL_JOURNEY_FEED_TOKEN
        # No token configured: the endpoint is closed, whatever is sent.
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            return "journey-feed"
        return None


class MilestoneIn(Schema):
    vin: str = Field(default="", max_length=64)
    serial: str = Field(default="", max_length=64)
    stage: str = Field(max_length=30)
    at: str = Field(max_length=40)


class MilestonesIn(Schema):
    milestones: list[MilestoneIn] = Field(max_length=MAX_ITEMS)


class ResultOut(Schema):
    line: int
    code: str
    stage: str
    outcome: str
    reason: str


class MilestonesOut(Schema):
    results: list[ResultOut]


def _body(request: HttpRequest) -> MilestonesIn:
    """The milestones, or 400 saying what is wrong (a feed's author reads it: not the 422 of a
    schema's internals)."""
    checked = getattr(request, "json_checked", None)
    try:
        data = checked if checked is not None else json_checked(request.body)
        body = MilestonesIn.model_validate(data)
    except BadInput as error:
        raise HttpError(400, str(error)) from None
    except PydanticError as error:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:5]
        )
        raise HttpError(400, f"Not a list of milestones: {where}") from None
    if not body.milestones:
        raise HttpError(400, "No milestones.")
    return body


@router.post(
    "/journeys/milestones",
    auth=FeedToken(),
    response={200: MilestonesOut},
    url_name="journey-milestones",
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": MilestonesIn.model_json_schema()}}
        }
    },
)
def milestones(request: HttpRequest) -> MilestonesOut:
    body = _body(request)
    now = timezone.now()
    rows = [row_read(i, item.model_dump(), now=now) for i, item in enumerate(body.milestones, 1)]
    with transaction.atomic():
        results = feed_apply(rows=rows, source=JourneyStep.Source.API)
    return MilestonesOut(results=[ResultOut(**r.__dict__) for r in results])
