"""The escalation settings at /care/escalation/: each site's manager sets its chain and times,
the care centre's managers say who is on duty; nobody else."""

from __future__ import annotations

from goodwill.notifications.escalation import Step
from goodwill.notifications.models import EscalationPolicy
from goodwill.notifications.selectors import site_chain
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create


def munich_manager(munich: Site) -> User:
    return staff_create(
        username="klaus",
        password=None,
        first_name="Klaus",
        last_name="Bauer",
        role="manager",
        site=munich,
    )


def test_a_manager_sets_the_sites_chain_and_times(client, munich: Site, paris: Site) -> None:
    client.force_login(munich_manager(munich))
    page = client.get("/care/escalation/").text
    assert "Aurelis München" in page and "Default chain" in page
    assert "Aurelis Paris" not in page  # a dealer's manager sees their own site only

    response = client.post(
        f"/care/escalation/{munich.code}/",
        {
            "step_1_target": "site_manager",
            "step_1_minutes": "10",
            "step_2_target": "duty_agent",
            "step_2_minutes": "20",
        },
    )
    assert response.status_code == 302 and response.url == "/care/escalation/"
    assert site_chain(site=munich).steps == [Step("site_manager", 10), Step("duty_agent", 20)]
    page = client.get(f"/care/escalation/{munich.code}/").text
    assert 'value="10"' in page and 'value="20"' in page

    assert client.post(f"/care/escalation/{munich.code}/", {"reset": "1"}).status_code == 302
    assert not EscalationPolicy.objects.filter(site=munich).exists()


def test_a_chain_with_a_gap_or_a_repeat_is_refused(client, munich: Site) -> None:
    client.force_login(munich_manager(munich))
    for data in (
        {"step_2_target": "backup", "step_2_minutes": "5"},
        {
            "step_1_target": "backup",
            "step_1_minutes": "5",
            "step_2_target": "backup",
            "step_2_minutes": "5",
        },
        {"step_1_target": "backup"},
    ):
        assert client.post(f"/care/escalation/{munich.code}/", data).status_code == 400
    assert not EscalationPolicy.objects.filter(site=munich).exists()


def test_only_managers_of_the_site_reach_the_pages(
    client, advisor: User, munich: Site, paris: Site
) -> None:
    client.force_login(advisor)
    assert client.get("/care/escalation/").status_code == 403
    assert client.post(f"/care/escalation/{munich.code}/", {}).status_code == 403
    client.force_login(munich_manager(munich))
    assert client.get(f"/care/escalation/{paris.code}/").status_code == 404
    assert client.post("/care/escalation/duty/", {}).status_code == 403


def test_the_care_centres_manager_says_who_is_on_duty(
    client, manager: User, agent: User, munich: Site
) -> None:
    client.force_login(manager)
    page = client.get("/care/escalation/").text
    assert "On duty at the care centre" in page and "Chiara Rossi" in page
    assert "Aurelis München" in page  # brand-wide: every site's chain

    assert client.post("/care/escalation/duty/", {"on_duty": [str(agent.pk)]}).status_code == 302
    agent.refresh_from_db()
    assert agent.on_duty
    client.post("/care/escalation/duty/", {})
    agent.refresh_from_db()
    assert not agent.on_duty
