"""A coordinator changes the curriculum: `waymark serve` on a copy of the bundled curriculum and
a demo cohort. The curriculum page shows the version in use and the history; after a pass mark
is raised in the folder, "Show what would change" lists the change with the trainees in
progress it touches, and the reload stores version 2 and puts it in use. Every page is audited
at 320 and 1280 px.

The server has a curriculum folder of its own, so this file starts it (and its browsers) apart
from the suite's `waymark serve`."""

import os
import re
import shutil
import tempfile
import time

import pytest

from support.answers import REPOSITORY
from support.audit import Auditor
from support.axe_source import axe_script
from support.browsers import make_browser
from support.server import Server, free_port, make_data_folder, remove_data_folder, waymark_binary
from support.site import Site

PASSWORD = "Lanterns glow over the quiet harbour 2026"
COORDINATOR = "coordinator@demo.waymark.invalid"
CHECK = os.path.join("Assessments", "peer-mentoring", "role-check.xml")


@pytest.fixture(scope="module")
def folder():
    path = tempfile.mkdtemp(prefix="waymark-versions-")
    for name in ("Curriculum", "Assessments"):
        shutil.copytree(os.path.join(REPOSITORY, name), os.path.join(path, name))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def server(folder):
    data = make_data_folder()
    running = Server(binary=waymark_binary(), data=data, port=free_port(),
                     serve_arguments=["--curriculum", folder, "--server-name", "browser-a", "--curriculum-poll-seconds", "2"])
    try:
        running.command("demo")
        running.command("users", "set-password", "--email", COORDINATOR, "--password-stdin", stdin=PASSWORD + "\n")
        running.start()
        assert any("Stored the curriculum folder as curriculum version 1" in line for line in running.output), running.output
        yield running.base
    finally:
        running.stop()
        remove_data_folder(data)


@pytest.fixture(scope="module")
def site(server):
    audit_browser = make_browser(javascript=True)
    browser = make_browser(javascript=False)
    try:
        yield Site(browser, Auditor(audit_browser, axe_script(), server), server)
    finally:
        browser.quit()
        audit_browser.quit()


def _table(site, label: str) -> list:
    table = site.browser.find_element("css selector", f'[aria-label="{label}"] table')
    return [[cell.text for cell in row.find_elements("css selector", "td")] for row in table.find_elements("css selector", "tbody tr")]


def test_the_curriculum_page_shows_the_version_in_use_and_the_history(site):
    site.sign_in("coordinator", COORDINATOR, PASSWORD)
    site.open("/curriculum", name="curriculum versions")
    assert site.heading() == "Curriculum"
    text = site.text()
    assert "This server (browser-a) runs version 1" in text
    versions = _table(site, "Versions")
    assert len(versions) == 1 and versions[0][0] == "1 (in use here)"
    assert "the server browser-a, as it started" in versions[0][3]
    # The server looks every 2 seconds: it is listed once it has.
    deadline = time.monotonic() + 10
    while not any(row[0] == "browser-a (this one)" for row in _table(site, "Servers")):
        assert time.monotonic() < deadline, "the server never appeared in the list of servers"
        time.sleep(1)
        site.open("/curriculum")
    assert _table(site, "Servers")[0][1] == "version 1"


def test_what_would_change_then_the_reload_stores_version_2(site, folder):
    path = os.path.join(folder, CHECK)
    with open(path, encoding="utf-8") as original:
        text = original.read()
    with open(path, "w", encoding="utf-8") as changed:
        changed.write(text.replace('id="role-check" pass-mark="70"', 'id="role-check" pass-mark="90"', 1))
    site.become("coordinator")
    site.open("/curriculum")
    site.press("Show what would change", name="curriculum what would change")
    changes = _table(site, "What would change")
    assert len(changes) == 1, changes
    what, kind, detail, trainees = changes[0]
    assert what.startswith("Pass mark role-check") and kind == "changed" and detail == "70% → 90%"
    # The demo cohort has trainees in progress who have tried that check.
    assert int(trainees) >= 1
    assert re.search(r"\d+ in progress on peer-mentoring", site.text())

    site.press("Check and reload the curriculum", name="curriculum reloaded")
    assert site.path == "/curriculum"
    assert "stored as a new version and in use here" in site.text()
    assert "runs version 2" in site.text()
    versions = _table(site, "Versions")
    assert [row[0] for row in versions] == ["2 (in use here)", "1"]
    assert versions[0][3] == "Rosa Demo-Coordinator"
