"""A person's rights under UK GDPR, from an admin's pages: a copy of everything held about a
person (as a page and as a file), erasure asked first on a page that names them, and the audit
log, filtered. This file makes its own admin and trainee, so it runs alone or in the suite."""

import datetime
import json
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import PASSWORD

ADMIN = ("Rhea Rights", "rhea.rights@rights.example.org")
PERSON = ("Rowan Erasable", "rowan.erasable@rights.example.org")


@pytest.fixture(scope="module")
def people(server):
    for role, (name, email) in (("admin", ADMIN), ("trainee", PERSON)):
        server.command("users", "add", "--role", role, "--email", email, "--name", name, "--password-stdin", stdin=PASSWORD + "\n")
    return True


def open_person(site, name):
    site.become("rights admin")
    site.open("/people")
    site.follow(name)
    assert site.heading() == name


def test_the_admin_reads_everything_held_about_a_person(site, people):
    # The person signs in first: erasure must end this session later.
    site.sign_in("rights trainee", PERSON[1], PASSWORD, kind="trainee")
    site.sign_in("rights admin", ADMIN[1], PASSWORD, kind="admin")
    open_person(site, PERSON[0])
    assert "subject access request" in site.text()
    site.follow("Read it as a page", name="everything held about a person")
    assert site.heading() == f"Everything held about {PERSON[0]}"
    text = site.text()
    for held in (PERSON[1], "Their programmes", "DBS record", "who looked at it", f"{ADMIN[0]} looked at everything Waymark holds about {PERSON[0]}"):
        assert held in text, f"the copy does not show {held!r}"


def test_the_admin_downloads_the_copy_as_a_file(site, people):
    open_person(site, PERSON[0])
    link = next(a for a in site.browser.find_elements(By.CSS_SELECTOR, "main a[href]") if a.text.strip() == "Download it as a file")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in site.browser.get_cookies())
    request = urllib.request.Request(link.get_attribute("href"), headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Cache-Control"] == "no-store"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="waymark-personal-data-'), disposition
        assert "Rowan" not in disposition
        copy = json.loads(response.read())
    assert copy["profile"]["name"] == PERSON[0]
    assert copy["profile"]["email"] == PERSON[1]
    assert "passwordHash" not in json.dumps(copy)
    assert any(line["action"] == "person.exported" for line in copy["auditAboutThem"])


def test_erasure_is_asked_first_naming_the_person(site, people):
    open_person(site, PERSON[0])
    site.follow(f"Erase {PERSON[0]}'s personal data", name="erase: asked first")
    assert site.heading() == f"Erase {PERSON[0]}'s personal data?"
    assert "It cannot be undone" in site.text()
    site.follow("No, go back")
    assert site.heading() == PERSON[0]
    site.follow(f"Erase {PERSON[0]}'s personal data")
    site.press(f"Yes, erase {PERSON[0]}'s personal data", name="erase: done")
    assert site.path == "/people"
    assert "Their personal data is erased" in site.text()
    assert PERSON[0] not in site.text() and PERSON[1] not in site.text()
    # Their session ended with it.
    site.become("rights trainee")
    site.open("/dashboard")
    assert site.path == "/login"


def test_the_admin_cannot_erase_themselves(site, people):
    open_person(site, ADMIN[0])
    site.follow(f"Erase {ADMIN[0]}'s personal data", name="erase: refused")
    assert "You cannot erase your own record" in site.text()
    assert not [b for b in site.browser.find_elements(By.CSS_SELECTOR, "main button") if b.text.startswith("Yes, erase")]


def test_the_audit_log_reads_in_words_and_filters(site, people):
    site.become("rights admin")
    site.open("/people")
    assert site.browser.find_elements(By.CSS_SELECTOR, "nav a[href='/audit']"), "no Audit log link for the admin"
    site.open("/audit", name="audit log")
    assert site.heading() == "Audit log"
    site.fill("Person", ADMIN[1].split("@")[0])
    site.select("What was done", "Erased someone's personal data")
    today = datetime.date.today()
    site.fill_date("From (first day)", today.year, today.month, today.day)
    site.fill_date("To (last day)", today.year, today.month, today.day)
    site.press("Show", name="audit log filtered")
    text = site.text()
    assert f"{ADMIN[0]} (admin) erased the personal data of a person whose data was erased" in text
    assert "looked at everything" not in text
    assert site.value("Person") == ADMIN[1].split("@")[0]
    # A day that does not exist comes back with the problem beside the field.
    site.open("/audit?from=2026-02-31", name="audit log with a wrong day")
    assert "Enter the first day like 2026-11-26" in site.error_summary()
