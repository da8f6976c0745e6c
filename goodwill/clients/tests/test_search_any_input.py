"""Whatever is typed in the search box, the search answers: never an error, never another dealer's
client."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.clients import normalize
from goodwill.clients.selectors import client_search
from goodwill.organisation.models import User

# Letters of every script, digits, punctuation, separators, and the odd control character.
typed = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=typed, country=st.sampled_from(["CH", "DE", "FR", "IT", "GB", "US", "NL", ""]))
def test_any_text_is_searched_without_error_and_stays_in_the_site(
    foreign_dealer: User, client_t, car, query: str, country: str
) -> None:
    hits = client_search(user=foreign_dealer, query=query, country=country)
    assert all(hit.client.site_id == foreign_dealer.site_id for hit in hits)


@given(text=typed)
def test_normalising_is_stable(text: str) -> None:
    code = normalize.code_normalized(text)
    assert normalize.code_normalized(code) == code
    tokens = normalize.name_tokens(text)
    assert normalize.name_tokens(" ".join(tokens)) == tokens
    for token in tokens:
        assert token.isascii() and token == token.lower()
