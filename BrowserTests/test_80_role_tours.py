"""Every page of every role on the demo cohort: each demo person signs in and the suite follows
every link their pages offer (within Waymark, GET only), auditing each page it reaches. A link
that leads to a missing page or a server error is a failure, like an axe violation or overflow."""

from collections import Counter
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PEOPLE, DEMO_TRAINEES, PASSWORD
from support.known_bugs import known_bug, still_present
from support.site import PageProblem

NOT_PAGES = ("/logout", "/static/", "/healthz", "/.well-known/", "/credentials/", "/media/")
BROKEN = ("We could not find that page", "Something went wrong on our side", "This page is not open to you")
MOST_OF_ONE_KIND = 20  # e.g. the first 20 trainees' pages of the cohort


def tour(site, start: str, limit: int = 120) -> list:
    """Visits every page reachable from start; returns the problems found on the way."""
    problems, seen, queue, kinds = [], set(), [start], Counter()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        kind = site.auditor_pattern(url)
        kinds[kind] += 1
        if kinds[kind] > MOST_OF_ONE_KIND:
            continue
        try:
            site.open(url)
        except PageProblem as problem:
            problems.append(str(problem))
        if site.heading() in BROKEN:
            problems.append(f"{site.actor}: {url} answers '{site.heading()}'")
            continue
        for anchor in site.browser.find_elements(By.CSS_SELECTOR, "a[href]"):
            href = (anchor.get_attribute("href") or "").split("#", 1)[0]
            parts = urlsplit(href)
            if not href.startswith(site.base) or any(parts.path.startswith(p) for p in NOT_PAGES):
                continue
            # Files to download (credentials, badge pictures), not pages.
            if parts.path.endswith((".jwt", ".json", ".png", ".svg")) or href in seen:
                continue
            queue.append(href)
    return problems


@pytest.mark.parametrize("role", DEMO_PEOPLE)
def test_every_page_of_a_demo_role(site, role):
    site.sign_in(f"demo {role}", DEMO_PEOPLE[role], PASSWORD, kind=role)
    problems = tour(site, site.url)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stage", DEMO_TRAINEES)
def test_every_page_of_a_demo_trainee(site, stage):
    site.sign_in(f"demo trainee {stage}", DEMO_TRAINEES[stage], PASSWORD, kind="trainee")
    problems = tour(site, site.url)
    assert not problems, "\n".join(problems)


def test_every_page_of_the_admin(site):
    if "admin" not in site.sessions:
        pytest.skip("the first-run journey made no admin")
    site.become("admin")
    problems = tour(site, site.base + "/people")
    assert not problems, "\n".join(problems)


def test_every_public_page(site):
    site.as_visitor()
    problems = tour(site, site.base + "/")
    assert not problems, "\n".join(problems)


FINDING_10 = "issue 13 finding 10: a certified trainee's next step 'Log your CPD hours' is not a link, and no page takes CPD hours"


def test_a_certified_trainee_can_log_cpd_hours_for_renewal(site):
    if "demo trainee certified" not in site.sessions:
        pytest.skip("the certified demo trainee's tour did not sign in")
    site.become("demo trainee certified")
    site.open("/dashboard")
    cpd = [item for item in site.browser.find_elements(By.CSS_SELECTOR, "main ul.steps li") if "CPD" in item.text]
    assert cpd, "the certified trainee's dashboard does not mention CPD hours for renewal"
    still_present(not cpd[0].find_elements(By.TAG_NAME, "a"),
                  f"'{' '.join(cpd[0].text.split())}' is not a link to anywhere that takes CPD hours")


