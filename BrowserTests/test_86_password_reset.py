"""Forgotten passwords: the sign-in page's link, the form that asks for an email address, and
the same answer whether or not the address has an account, so the page never tells a stranger
who uses Waymark. This server has no email set up, so the answer says to ask a coordinator.
This file makes its own trainee, so it runs alone or in the suite."""

import pytest

from conftest import PASSWORD

PERSON = ("Reese Forgetful", "reese.forgetful@reset.example.org")


@pytest.fixture(scope="module")
def person(server):
    server.command("users", "add", "--role", "trainee", "--email", PERSON[1], "--name", PERSON[0], "--password-stdin", stdin=PASSWORD + "\n")
    return PERSON


def ask_for_a_link(site, email):
    site.as_visitor()
    site.open("/login")
    site.follow("Forgotten your password?")
    assert site.heading() == "Forgotten your password?"
    site.fill("Email address", email)
    site.press("Send me a link")
    return site.text()


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(site, person):
    known = ask_for_a_link(site, person[1])
    assert site.heading() == "Check your email"
    assert "Ask your coordinator" in known
    unknown = ask_for_a_link(site, "nobody.at.all@reset.example.org")
    assert site.heading() == "Check your email"
    assert unknown == known


def test_an_empty_address_is_asked_for_again(site, person):
    site.as_visitor()
    site.open("/password-reset")
    site.press("Send me a link", name="reset form with a problem")
    assert "Enter the email address you sign in with." in site.error_summary()
    site.follow("Back to sign in")
    assert site.heading() == "Sign in"
