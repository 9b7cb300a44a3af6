"""Practice: the trainee logs hours (one entry with mistakes first), the supervisor countersigns
them and records four supervision sessions, each with a wellbeing check."""

import datetime

import pytest
from selenium.webdriver.common.by import By

from support.known_bugs import known_bug, still_present
from test_10_first_run import PEOPLE
from test_20_recruitment import open_trainee_page

pytestmark = pytest.mark.journey

TRAINEE = PEOPLE["trainee"][0]
FINDING_8 = "issue 13 finding 8: a supervision session with an empty date is dropped with no message"
ENTRIES = [("5", "drop-in centre"), ("4.5", "phone support"), ("5,5", "probation office waiting room"), ("5", "drop-in centre")]
WELLBEING = ["Doing well", "Some concerns", "Doing well", "Needs support now"]


def mentor_section(site):
    for section in site.browser.find_elements(By.CSS_SELECTOR, "main section"):
        if " ".join(section.find_element(By.TAG_NAME, "h2").text.split()) == TRAINEE:
            return section
    raise AssertionError(f"{TRAINEE} is not among the supervisor's mentors")


def test_practice_has_opened_for_the_trainee(site):
    site.become("trainee")
    site.open("/practice")
    assert site.heading() == "Practice log"
    assert "0 hours countersigned of 20 needed" in site.text()


def test_a_practice_entry_with_mistakes_keeps_what_was_typed(site):
    site.fill("Hours", "lots")
    site.fill("Where it happened", "drop-in centre")
    site.press("Log these hours")
    assert "0.25 to 24" in site.error_summary()
    assert site.value("Hours") == "lots"
    assert site.value("Where it happened") == "drop-in centre"


@pytest.mark.parametrize("hours, setting", ENTRIES)
def test_the_trainee_logs_hours(site, hours, setting):
    site.become("trainee")
    site.open("/practice")
    site.fill("Hours", hours)
    site.fill("Where it happened", setting)
    site.press("Log these hours")
    assert not site.error_summary(), site.error_summary()
    assert setting in site.text()


def test_the_supervisor_countersigns_every_entry(site):
    site.become("supervisor")
    for _ in range(len(ENTRIES)):
        site.open("/mentors")
        section = mentor_section(site)
        site.press("Countersign", within=section)
    site.open("/mentors")
    assert not [b for b in mentor_section(site).find_elements(By.TAG_NAME, "button") if b.text == "Countersign"]
    site.become("trainee")
    site.open("/practice")
    assert "20 hours countersigned of 20 needed" in site.text(), site.text()[:200]


def test_a_supervision_session_without_a_date_is_not_dropped_silently(site):
    site.become("supervisor")
    site.open("/mentors")
    section = mentor_section(site)
    site.field_in("Date", within=section).clear()
    site.choose("Some concerns", within=section)
    site.press("Record the session", within=section)
    still_present(not site.error_summary(), "no message: the session and its wellbeing answer are dropped")


@pytest.mark.parametrize("wellbeing", WELLBEING)
def test_the_supervisor_records_a_session_with_wellbeing(site, wellbeing):
    site.become("supervisor")
    site.open("/mentors")
    section = mentor_section(site)
    site.fill("Minutes", "50", within=section)
    site.choose(wellbeing, within=section)
    site.press("Record the session", within=section)
    assert site.heading() == "My mentors"
    assert not site.error_summary(), site.error_summary()


def test_every_wellbeing_answer_is_on_the_trainee_record(site, journey):
    open_trainee_page(site, journey)
    timeline = site.text().split("Timeline", 1)[1]
    for answer in ("wellbeing: good", "wellbeing: some concerns", "wellbeing: needs support"):
        assert answer in timeline, f"'{answer}' is not on the record: {timeline[:300]}"


def test_the_trainee_has_done_everything_for_the_certificate(site):
    site.become("trainee")
    site.open("/dashboard")
    practice = site.text().split("Practice", 1)[1]
    assert "4 of 4" in practice and "20 of 20" in practice and "3 of 3" in practice, practice[:300]

