"""One Waymark server, one journey browser (JavaScript off) and one audit browser (JavaScript on)
for the whole session.

The server's data folder starts with the demo cohort (for the role tours) and no admin, so it
prints the first-run setup link that the first-run journey follows."""

import types

import pytest

from support.audit import Auditor
from support.axe_source import axe_script
from support.browsers import make_browser
from support.server import Server, free_port, make_data_folder, remove_data_folder, waymark_binary
from support.site import Site

PASSWORD = "Lanterns glow over the quiet harbour 2026"

DEMO_PEOPLE = {
    "coordinator": "coordinator@demo.waymark.invalid",
    "supervisor": "supervisor@demo.waymark.invalid",
}
DEMO_TRAINEES = {
    "applied": "aisha.khan@demo.waymark.invalid",
    "not yet suitable": "chloe.evans@demo.waymark.invalid",
    "in training": "dan.murphy@demo.waymark.invalid",
    "tries used up": "ellie.nowak@demo.waymark.invalid",
    "in practice": "grace.lewis@demo.waymark.invalid",
    "qualified": "isla.campbell@demo.waymark.invalid",
    "certified": "jamal.reid@demo.waymark.invalid",
    "suspended": "maya.patel@demo.waymark.invalid",
    "revoked": "nathan.brooks@demo.waymark.invalid",
    "withdrawn": "olivia.hughes@demo.waymark.invalid",
    "paused": "priya.shah@demo.waymark.invalid",
}

# Demo trainees for the renewal journey, apart from the tours: their records change on the way.
DEMO_RENEWALS = {
    "renewal due": "kerry.walsh@demo.waymark.invalid",
    "expired": "liam.doyle@demo.waymark.invalid",
}


@pytest.fixture(scope="session")
def server():
    data = make_data_folder()
    running = Server(binary=waymark_binary(), data=data, port=free_port())
    try:
        running.command("demo")
        for email in [*DEMO_PEOPLE.values(), *DEMO_TRAINEES.values(), *DEMO_RENEWALS.values()]:
            running.command("users", "set-password", "--email", email, "--password-stdin", stdin=PASSWORD + "\n")
        running.start()
        yield running
    finally:
        running.stop()
        remove_data_folder(data)


@pytest.fixture(scope="session")
def auditor(server):
    browser = make_browser(javascript=True)
    try:
        yield Auditor(browser, axe_script(), server.base)
    finally:
        browser.quit()


@pytest.fixture(scope="session")
def site(server, auditor):
    browser = make_browser(javascript=False)
    try:
        yield Site(browser, auditor, server.base)
    finally:
        browser.quit()


@pytest.fixture(scope="session")
def journey():
    """What one step of the first-run journey leaves for the next: links, codes, names."""
    return types.SimpleNamespace()


# The first-run journey is one story told in order: once a step fails, the later steps cannot
# mean anything, so they are skipped naming the step that failed.

_failed_step = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if hasattr(report, "wasxfail") and call.excinfo is not None:
        # Says what the bug did this time, beside the finding it is.
        report.wasxfail = f"{report.wasxfail}; seen: {str(call.excinfo.value).splitlines()[0][:200]}"
    if report.failed and "site" in getattr(item, "funcargs", {}):
        # What the person was looking at when the step failed, to read in the CI log.
        site = item.funcargs["site"]
        try:
            report.sections.append(("page when it failed", f"{site.actor} at {site.url}\n{site.text()[:3000]}"))
        except Exception as problem:
            report.sections.append(("page when it failed", f"(could not read the page: {problem})"))
    # A strict xfail that met its bug is reported as skipped; one whose bug is fixed (XPASS) does
    # not break the story, so it does not stop the steps after it.
    fixed_bug = str(report.longrepr or "").startswith("[XPASS(strict)]")
    if "journey" in item.keywords and report.failed and not fixed_bug:
        _failed_step.setdefault("name", item.nodeid)


def pytest_runtest_setup(item):
    if "journey" in item.keywords and "name" in _failed_step:
        pytest.skip(f"an earlier journey step failed: {_failed_step['name']}")


def pytest_configure(config):
    config.addinivalue_line("markers", "journey: a step of the first-run journey, run in file order")
