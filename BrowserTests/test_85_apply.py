"""Applying online: a newcomer finds the application form from the start page, sends it with a
mistake first and then right, and is thanked; a coordinator finds the application first in the
cohort, with what they wrote; an admin closes applications and the form says so politely. This
file makes its own admin, so it runs alone or in the suite."""

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PEOPLE, PASSWORD

ADMIN = ("Ari Applications", "ari.applications@apply.example.org")
# Before every demo name, so "first" means first because it is new, whatever the order.
APPLICANT = ("Abbie Applewood", "abbie.applewood@apply.example.org")


@pytest.fixture(scope="module")
def admin(server):
    name, email = ADMIN
    server.command("users", "add", "--role", "admin", "--email", email, "--name", name, "--password-stdin", stdin=PASSWORD + "\n")
    return True


def test_a_newcomer_finds_the_form_and_applies(site, admin):
    site.as_visitor()
    site.open("/")
    site.follow("Apply online", name="apply: the form")
    assert site.heading() == "Apply to be a peer mentor"
    text = site.text()
    for said in ("Having a conviction does not stop you", "Disclosure and Barring Service", "Who sees your application", "6 months"):
        assert said in text, f"the form does not say {said!r}"
    labels = [label.text.lower() for label in site.browser.find_elements(By.CSS_SELECTOR, "main label")]
    assert len(labels) == 4 and not any("conviction" in label for label in labels), f"a question about convictions: {labels}"

    site.fill("Email address", "not an address")
    site.fill("Anything you would like us to know (optional)", "I was mentored myself.")
    site.press("Send my application", name="apply: something to put right")
    assert site.path == "/apply"
    assert "Enter your name." in site.error_summary()
    assert site.value("Email address") == "not an address"
    assert site.value("Anything you would like us to know (optional)") == "I was mentored myself."

    site.fill("Your name", APPLICANT[0])
    site.fill("Email address", APPLICANT[1])
    site.fill("How would you like us to reach you? (optional)", "07700 900123, after 5pm")
    site.press("Send my application", name="apply: thank you")
    assert site.path == "/applied"
    assert site.heading() == "Thank you for applying"
    assert "A coordinator will be in touch" in site.text()


def test_the_coordinator_sees_the_application_first(site, admin):
    site.sign_in("apply coordinator", DEMO_PEOPLE["coordinator"], PASSWORD, kind="coordinator")
    site.open("/cohort", name="cohort: a new application first")
    first = next(text for text, href in site.links() if "/trainees/" in (href or ""))
    assert first == APPLICANT[0]
    site.follow(APPLICANT[0], name="trainee: their application")
    text = site.text()
    assert "Their application" in text
    assert "07700 900123, after 5pm" in text


def test_the_admin_closes_applications_and_the_form_says_so(site, admin):
    site.sign_in("apply admin", ADMIN[1], PASSWORD, kind="admin")
    site.open("/applications", name="applications: open")
    assert "Applications are open." in site.text()
    site.press("Close applications", name="applications: closed")
    assert "Applications are closed." in site.text()

    site.as_visitor()
    site.open("/apply", name="apply: closed")
    assert site.heading() == "Applications are closed for now"
    assert "get in touch" in site.text()

    # Open again, so the rest of the suite finds the site as it was.
    site.become("apply admin")
    site.open("/applications")
    site.press("Open applications")
    assert "Applications are open." in site.text()
