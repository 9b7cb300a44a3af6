"""Reflections: a draft kept for later, sent, sent back with feedback, rewritten and accepted;
then the coordinator reads everything else waiting (the reflections sent inside checks)."""

import re

import pytest

from support.answers import REFLECTION_TEXT
from support.known_bugs import known_bug, still_present
from conftest import PASSWORD
from test_10_first_run import PEOPLE

pytestmark = pytest.mark.journey

TRAINEE = PEOPLE["trainee"][0]
PROMPT = "Why do you want to be a peer mentor? What do you hope to give, and what do you hope to learn?"
DRAFT = "I want to give back. I will finish this later."
FEEDBACK = "Thank you. Could you say a little more about what you hope to learn?"
REWRITTEN = REFLECTION_TEXT + " I also hope to learn how to listen without fixing."
FINDING_3 = "issue 13 finding 3: the review form loses the reflection text and flips back to 'Accept it'"
FINDING_25 = "issue 13 finding 25: the page to rewrite a sent-back reflection does not show the coordinator's feedback"


def open_the_prompt(site):
    site.become("trainee")
    site.open("/reflections")
    site.follow(PROMPT)
    assert site.heading() == "Write a reflection"


def open_the_review(site):
    site.become("coordinator")
    site.open("/reviews")
    site.follow(f"{TRAINEE}: {PROMPT}")
    assert site.heading() == f"Reflection from {TRAINEE}"


def test_a_draft_is_kept_for_later(site):
    open_the_prompt(site)
    site.fill(PROMPT, DRAFT)
    site.press("Save it for later")
    assert site.path == "/reflections"
    open_the_prompt(site)
    assert site.value(PROMPT) == DRAFT


def test_a_reflection_too_short_to_send_keeps_its_words(site):
    site.press("Send it to be read")
    assert "at least" in site.error_summary()
    assert site.value(PROMPT) == DRAFT


def test_a_reflection_sent_after_the_session_ended_is_kept_through_signing_in(site):
    """The trainee writes for a long time and the session ends under them (here: its cookie is
    dropped). What they wrote goes through signing in again and is sent when they say so."""
    site.fill(PROMPT, REFLECTION_TEXT + "\nA second paragraph, after a line break.")
    site.browser.delete_cookie("waymark_session")
    site.press("Send it to be read")
    assert site.heading() == "Sign in"
    assert "what you just sent has not been saved yet" in site.text()
    _, email, _ = PEOPLE["trainee"]
    site.fill("Email address", email)
    site.fill("Password", PASSWORD)
    site.press("Sign in")
    assert site.heading() == "Send what you wrote", site.text()[:300]
    assert "A second paragraph, after a line break." in site.text()
    site.remember_session("trainee")
    site.press("Send it now")
    assert site.path == "/reflections"
    assert not site.error_summary()
    site.follow(PROMPT)
    assert "A second paragraph, after a line break." in site.text()


def test_sending_back_without_feedback_keeps_the_text_and_the_choice(site):
    open_the_review(site)
    site.choose("Ask them to have another look")
    site.press("Save the review")
    assert site.error_summary(), "no error summary for a send-back without feedback"
    still_present(REFLECTION_TEXT[:40] not in site.text(), "the reflection text is gone from the review page")
    still_present(not site.is_chosen("Ask them to have another look"), "'Accept it' is chosen again")


def test_the_coordinator_sends_it_back_with_feedback(site):
    open_the_review(site)
    assert REFLECTION_TEXT[:40] in site.text()
    site.choose("Ask them to have another look")
    site.fill("Feedback for the trainee", FEEDBACK)
    site.press("Save the review")
    assert not site.error_summary(), site.error_summary()


def test_the_trainee_sees_the_feedback_in_their_reflections(site):
    site.become("trainee")
    site.open("/reflections")
    assert FEEDBACK in site.text()


def test_the_rewrite_page_shows_the_feedback(site):
    open_the_prompt(site)
    still_present(FEEDBACK not in site.text(), "the feedback is not on the page where the trainee rewrites")


def test_the_trainee_rewrites_and_sends_it_again(site):
    open_the_prompt(site)
    site.fill(PROMPT, REWRITTEN)
    site.press("Send it to be read")
    assert site.path == "/reflections"


def test_the_coordinator_accepts_the_rewrite(site):
    open_the_review(site)
    assert "how to listen without fixing" in site.text(), "the review shows the old text, not the rewrite"
    site.choose("Accept it")
    site.fill("Feedback for the trainee", "Lovely, thank you.")
    site.press("Save the review")
    assert not site.error_summary(), site.error_summary()


def test_the_coordinator_accepts_the_reflections_sent_inside_checks(site):
    site.become("coordinator")
    accepted = 0
    for _ in range(10):
        site.open("/reviews")
        waiting = [text for text, _ in site.links() if text.startswith(f"{TRAINEE}: ")]
        if not waiting:
            break
        site.follow(waiting[0])
        site.choose("Accept it")
        site.press("Save the review")
        assert not site.error_summary(), site.error_summary()
        accepted += 1
    assert accepted >= 2, f"only {accepted} reflections from checks were waiting to be read"
    site.become("trainee")
    site.open("/reflections")
    found = re.search(r"You need (\d+) accepted; you have (\d+)", site.text())
    assert found, site.text()[:300]
    assert int(found.group(2)) >= int(found.group(1)), found.group(0)
