"""First run: the setup link the server prints, the first admin, and the admin inviting a
coordinator, a supervisor and a trainee, each of whom opens their link and chooses a password."""

import re

import pytest

from conftest import PASSWORD
from support.known_bugs import known_bug, still_present

pytestmark = pytest.mark.journey

ADMIN = ("Ada Admin", "ada.admin@first-run.example.org")
PEOPLE = {
    "coordinator": ("Cora Coordinator", "cora.coordinator@first-run.example.org", "Coordinator"),
    "supervisor": ("Sol Supervisor", "sol.supervisor@first-run.example.org", "Supervisor"),
    "trainee": ("Tess Trainee", "tess.trainee@first-run.example.org", "Trainee"),
}
INVITE_LINK = re.compile(r"(?:https?://[^\s/]+)?/invite/[A-Za-z0-9_\-]+")


def test_the_server_prints_a_setup_link_when_there_is_no_admin(server):
    assert server.setup_path, "no setup link in the server's output:\n" + "".join(server.output)


def test_the_setup_form_keeps_name_and_email_when_the_passwords_differ(server, site):
    site.as_visitor()
    site.open(server.setup_path)
    assert site.heading() == "Create the first admin account"
    site.fill("Your name", ADMIN[0])
    site.fill("Email address", ADMIN[1])
    site.fill("Choose a password", PASSWORD)
    site.fill("Type it again", PASSWORD + " but different")
    site.press("Create the account")
    assert site.error_summary(), "no error summary when the passwords differ"
    assert site.value("Your name") == ADMIN[0]
    assert site.value("Email address") == ADMIN[1]


def test_the_setup_link_creates_the_first_admin(server, site):
    site.fill("Choose a password", PASSWORD)
    site.fill("Type it again", PASSWORD)
    site.press("Create the account")
    assert site.path == "/people", f"after setup: {site.path} {site.text()[:200]}"
    assert site.heading() == "People"
    site.remember_session("admin")


def test_the_setup_link_works_only_once(server, site):
    site.as_visitor()
    site.open(server.setup_path)
    assert site.heading() != "Create the first admin account"
    assert "Your name" not in site.text()


@pytest.mark.parametrize("role", PEOPLE)
def test_the_admin_invites_a_person(site, journey, role):
    name, email, role_label = PEOPLE[role]
    site.become("admin")
    site.open("/people")
    site.fill("Name", name)
    site.fill("Email address", email)
    site.choose(role_label)
    if role == "trainee":
        site.select("Programme (for trainees)", "Peer Mentoring in Criminal Justice")
        supervisor = PEOPLE["supervisor"][0]
        menu = site.field("Supervisor (for trainees)")
        options = [o.text for o in menu.find_elements("tag name", "option") if supervisor in o.text]
        assert options, f"{supervisor} is not offered as a supervisor"
        site.select("Supervisor (for trainees)", options[0])
    site.press("Add and make an invite link")
    found = INVITE_LINK.search(site.text())
    assert found, f"no invite link after inviting {name}: {site.text()[:300]}"
    journey.__dict__.setdefault("invites", {})[role] = found.group(0)
    assert name in site.text()


def test_the_invite_link_is_a_full_address(site, journey):
    # That it fits a 320 px screen is held by the overflow audit of every page.
    link = journey.invites["trainee"]
    assert link.startswith(site.base + "/invite/"), f"the invite link is not a full address: {link}"


@pytest.mark.parametrize("role", PEOPLE)
def test_each_invited_person_chooses_a_password(site, journey, role):
    name, email, _ = PEOPLE[role]
    site.as_visitor()
    site.open(journey.invites[role])
    assert site.heading() == f"Welcome, {name}"
    site.fill("Choose a password", PASSWORD)
    site.fill("Type it again", PASSWORD)
    site.press("Save my password")
    assert site.path not in ("/login",) and not site.path.startswith("/invite"), f"{name} is at {site.path}"
    site.remember_session(role)


def test_an_invite_link_works_only_once(site, journey):
    site.as_visitor()
    site.open(journey.invites["coordinator"])
    assert not site.heading().startswith("Welcome"), "the used invite link still offers to choose a password"
