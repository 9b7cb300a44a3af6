"""A fill-in-the-blank question, answered in `waymark preview` with JavaScript off: each blank sits
in its sentence with a label of its own, a blank left empty brings the form back with everything
kept, and the result says how each blank went, with its feedback. Every page is audited at 320
and 1280 px (axe-core, no overflow), as everywhere in the suite."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support.answers import answers
from test_80_preview import folder, preview, site  # noqa: F401 (the preview server and its browsers)

CHECK = "/programmes/peer-mentoring/modules/boundaries/check"
QUESTION = "q-keeping-safe-gaps"


def the_other_questions(right: bool) -> list:
    return [step for step in answers("peer-mentoring", "boundaries-check", right) if not step[1].startswith(QUESTION)]


def blank(site, number: int):
    return site.browser.find_element(By.ID, f"{QUESTION}-{number}")


def test_each_blank_is_a_plain_labelled_control_in_its_sentence(site):
    site.open(CHECK, name="check with blanks")
    sentence = site.browser.find_element(By.CSS_SELECTOR, f"#{QUESTION} .blanks-text")
    assert "If someone is in danger right now, call" in sentence.text
    assert blank(site, 1).get_attribute("inputmode") == "decimal"
    assert blank(site, 2).tag_name == "select"
    assert blank(site, 3).get_attribute("type") == "text"
    for number in (1, 2, 3):
        label = site.browser.find_element(By.CSS_SELECTOR, f"label[for='{QUESTION}-{number}']")
        assert label.get_attribute("textContent") == f"Blank {number} of 3"
        context = site.browser.find_element(By.ID, blank(site, number).get_attribute("aria-describedby"))
        assert context.get_attribute("textContent").startswith("After “")
    assert "call 999" not in sentence.text


def test_a_blank_left_empty_asks_first_and_keeps_everything(site):
    site.open(CHECK)
    site.answer(the_other_questions(right=True))
    blank(site, 1).send_keys("999")
    Select(blank(site, 2)).select_by_value("same")
    site.press("Send my answers", name="check with a blank left empty")
    assert "Some questions are not answered" in site.text()
    assert blank(site, 1).get_attribute("value") == "999"
    assert Select(blank(site, 2)).first_selected_option.get_attribute("value") == "same"
    assert blank(site, 3).get_attribute("value") == ""
    # The note links to the question, which is there to be found.
    link = site.browser.find_element(By.CSS_SELECTOR, ".error-summary a")
    assert link.get_attribute("href").endswith(f"#{QUESTION}")
    assert site.browser.find_elements(By.ID, QUESTION)


def test_the_result_says_how_each_blank_went_with_its_feedback(site):
    blank(site, 3).send_keys("office")
    site.press("Send my answers", name="result with blanks")
    lines = [" ".join(item.text.split()) for item in site.browser.find_elements(By.CSS_SELECTOR, ".blank-results li")]
    assert len(lines) == 3, lines
    assert lines[0].startswith("Blank 1 of 3 (After “is in danger right now, call”, before “first. If nobody is in danger”):")
    assert "You wrote “999”. Right Yes. Call 999 first" in lines[0]
    assert "You chose “same”. Right Yes. The same day" in lines[1]
    assert "You wrote “office”. Partly right Nearly. The unit says to meet at your project" in lines[2]


def test_wrong_blanks_say_so_kindly(site):
    site.open(CHECK)
    site.answer(the_other_questions(right=False))
    site.answer([step for step in answers("peer-mentoring", "boundaries-check", False) if step[1].startswith(QUESTION)])
    site.press("Send my answers", name="result with wrong blanks")
    lines = [" ".join(item.text.split()) for item in site.browser.find_elements(By.CSS_SELECTOR, ".blank-results li")]
    assert [("Not right this time" in line) for line in lines] == [True, True, True], lines
    assert "Not quite. Waiting until the next day is too long." in lines[1]
