"""What happens after the first certificate, on the demo cohort: an expired certificate says so
on every page and on paper; a certificate near its end is renewed through CPD hours and the
refresher checks, and the coordinator renews it; a trainee whose tries at a check are used up is
given one more try by the coordinator, and passes."""

import re

import pytest

from conftest import DEMO_PEOPLE, DEMO_RENEWALS, DEMO_TRAINEES, PASSWORD
from support.answers import answers
from support.paper import PAPER, print_to_pdf

CODE = re.compile(r"WM(?:-[0-9A-Z]{4}){4}-[0-9A-Z]")
LISTENING = "Listening, caring and not judging"
BOUNDARIES = "Boundaries, keeping things private, and keeping people safe"


def verify(site, code):
    site.as_visitor()
    site.open("/verify")
    site.fill("Certificate code", code)
    site.press("Check")
    found = site.browser.find_elements("css selector", "main .certificate-status")
    return " ".join(found[0].text.split()) if found else ""


def my_certificate_code(site) -> str:
    site.open("/certificate")
    found = CODE.search(site.text())
    assert found, site.text()[:300]
    return found.group(0)


def open_trainee_page_as_coordinator(site, name):
    if "demo coordinator" not in site.sessions:
        site.sign_in("demo coordinator", DEMO_PEOPLE["coordinator"], PASSWORD, kind="coordinator")
    site.become("demo coordinator")
    site.open("/cohort")
    for _ in range(10):
        names = [text for text, _ in site.links()]
        if name in names:
            site.follow(name)
            assert site.heading() == name
            return
        site.follow("Next page")
    raise AssertionError(f"{name} is not in the cohort")


def test_an_expired_certificate_says_so_on_every_page_and_on_paper(site, journey):
    site.sign_in("demo trainee expired", DEMO_RENEWALS["expired"], PASSWORD, kind="trainee")
    code = my_certificate_code(site)
    assert "Status today: Expired" in site.text()
    assert "Share the code with pride" not in site.text()
    offered = [text for text, _ in site.links() if text in ("See and print my certificate", "Download your badge (PNG picture)", "Download your badge (SVG picture)")]
    assert not offered, f"an expired certificate is offered to share: {offered}"
    assert verify(site, code) == "Expired"
    site.open(f"/certificates/{code}")
    assert "Expired" in site.auditor.print_text(site.html()), "the printed expired certificate does not say it has ended"
    for paper in PAPER:
        printed = print_to_pdf(site.browser, paper)
        status, title = printed.word("Expired"), printed.word("Certified")
        assert printed.pages == 1 and status.height >= 0.95 * title.height, f"on {paper}: {printed.pages} pages, 'Expired' {status.height:.1f} pt, title {title.height:.1f} pt"


def test_the_trainee_near_the_end_logs_cpd_hours_from_the_next_step(site, journey):
    site.sign_in("demo trainee renewal", DEMO_RENEWALS["renewal due"], PASSWORD, kind="trainee")
    journey.old_code = my_certificate_code(site)
    site.open("/dashboard")
    site.follow("Log your CPD hours, the learning you do to keep your skills fresh (0 of 10 so far)")
    assert site.heading() == "CPD hours"
    for date, hours, activity in [((2026, 10, 14), "6", "Safeguarding refresher course"), ((2026, 11, 3), "4", "Trauma-informed practice workshop")]:
        site.fill_date("Date", *date)
        site.fill("Hours", hours)
        site.fill("What you did", activity)
        site.press("Log these hours")
        assert not site.error_summary(), site.error_summary()
        assert activity in site.text()
    assert "You have logged 10 of the 10 hours" in site.text()


@pytest.mark.parametrize("module,title", [("listening", LISTENING), ("boundaries", BOUNDARIES)])
def test_the_trainee_takes_a_refresher_check_from_the_next_step(site, journey, module, title):
    site.become("demo trainee renewal")
    site.open("/dashboard")
    site.follow(f'Take the refresher check for "{title}"')
    assert site.heading() == title
    site.follow("Go to the check")
    assert site.path == f"/modules/{module}/check"
    site.answer(answers("peer-mentoring", f"{module}-check", True))
    site.press("Send my answers")
    assert site.path == f"/modules/{module}/result"
    assert site.heading() == "Well done. You passed."


def test_the_coordinator_renews_the_certificate(site, journey):
    site.become("demo trainee renewal")
    site.open("/dashboard")
    assert "A coordinator will renew your certificate" in site.text()
    open_trainee_page_as_coordinator(site, "Kerry Walsh")
    assert "Renew their certificate" in site.text()
    site.press("Renew the certificate", within=site.form(r"/certificate(#.*)?$"))
    assert not site.error_summary(), site.error_summary()
    site.become("demo trainee renewal")
    journey.new_code = my_certificate_code(site)
    assert journey.new_code != journey.old_code
    assert "Status today: Valid" in site.text()
    assert verify(site, journey.new_code) == "Valid"
    assert verify(site, journey.old_code) != "Valid", "the renewed certificate's old code still reads as valid"


def test_the_coordinator_allows_one_more_try_and_the_trainee_passes(site, journey):
    site.sign_in("demo trainee tries", DEMO_TRAINEES["tries used up"], PASSWORD, kind="trainee")
    site.open("/dashboard")
    site.follow(BOUNDARIES)
    site.follow("Go to the check")
    assert "used" in site.text().lower(), f"the check with no tries left does not say so: {site.text()[:300]}"
    assert not site.browser.find_elements("css selector", "main form[action$='/check'] button"), "a check with no tries left offers a form"
    open_trainee_page_as_coordinator(site, "Ellie Nowak")
    assert "Tries used up" in site.text()
    assert f'Their tries at the check for "{BOUNDARIES}" are used up. You can allow one more try.' in site.text()
    site.fill(f'Why another try for "{BOUNDARIES}" (required)', "Was unwell on the day of the last try.")
    site.press("Allow one more try")
    assert not site.error_summary(), site.error_summary()
    site.become("demo trainee tries")
    site.open("/dashboard")
    site.follow(BOUNDARIES)
    site.follow("Go to the check")
    site.answer(answers("peer-mentoring", "boundaries-check", True))
    site.press("Send my answers")
    assert site.heading() == "Well done. You passed."
