"""A trainer previews a curriculum: `waymark preview` on a copy of the bundled curriculum, with no
accounts and no database. The index, a unit, a check answered and its result; then a file
broken on disk shows its problems in place of its page at the next load, and mended shows again.

The preview is a server of its own, so this file starts it (and its browsers) apart from the
suite's `waymark serve`; every page is still audited at 320 and 1280 px."""

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request

import pytest

from support.answers import REPOSITORY, answers
from support.audit import Auditor
from support.axe_source import axe_script
from support.browsers import make_browser
from support.server import free_port, waymark_binary
from support.site import Site

BANNER = "Preview: nothing you do here is saved; this is how trainees will see it."
UNIT = os.path.join("Curriculum", "peer-mentoring", "units", "role.xml")
UNIT_TITLE = "What peer mentoring is, and what it is not"


@pytest.fixture(scope="module")
def folder():
    path = tempfile.mkdtemp(prefix="waymark-preview-")
    for name in ("Curriculum", "Assessments"):
        shutil.copytree(os.path.join(REPOSITORY, name), os.path.join(path, name))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def preview(folder):
    port = free_port()
    process = subprocess.Popen([waymark_binary(), "preview", folder, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = []
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(base):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("waymark preview did not start:\n" + "".join(output))
            time.sleep(0.1)
        assert any(f"Previewing {folder} at {base}" in line for line in output), output
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def site(preview):
    audit_browser = make_browser(javascript=True)
    browser = make_browser(javascript=False)
    try:
        yield Site(browser, Auditor(audit_browser, axe_script(), preview), preview)
    finally:
        browser.quit()
        audit_browser.quit()


def _banner(site) -> str:
    return " ".join(site.browser.find_element("css selector", ".preview-banner").text.split())


def test_the_index_lists_every_programme_with_its_pathway_in_order(site):
    site.open("/", name="preview index")
    assert site.heading() == "Preview of your curriculum"
    assert _banner(site) == BANNER
    text = site.text()
    assert "Peer Mentoring in Criminal Justice" in text and "Volunteer Induction" in text
    first, second = text.index(UNIT_TITLE), text.index("Listening, caring and not judging")
    assert first < second, "the pathway is not in order"
    assert "Sign in" not in site.browser.find_element("css selector", "header").text


def test_a_unit_and_its_check_answered_show_what_a_trainee_sees(site):
    site.open("/")
    site.follow("Read the unit", name="preview unit")
    assert site.heading() == UNIT_TITLE
    assert _banner(site) == BANNER
    site.press("I have read this, take me to the check", name="preview check")
    assert site.path == "/programmes/peer-mentoring/modules/role/check"
    assert "you can send this check as often as you like" in site.text()
    site.answer(answers("peer-mentoring", "role-check", right=False))
    site.press("Send my answers", name="preview result")
    assert site.heading() == "Not this time, and that is fine."
    assert "Question by question" in site.text()
    site.follow("Try again")
    site.answer(answers("peer-mentoring", "role-check", right=True))
    site.press("Send my answers", name="preview result")
    assert site.heading() == "Well done. You passed."
    assert _banner(site) == BANNER


def test_a_broken_file_shows_its_problems_at_the_next_load_and_mended_shows_again(site, folder):
    path = os.path.join(folder, UNIT)
    with open(path, encoding="utf-8") as original:
        text = original.read()
    with open(path, "w", encoding="utf-8") as broken:
        broken.write(text.replace(f"<title>{UNIT_TITLE}</title>", f"<title>{UNIT_TITLE}<title>", 1))
    site.open("/programmes/peer-mentoring/modules/role", name="preview problems")
    assert site.heading() == "This page has problems to fix"
    assert re.search(re.escape(os.path.join(folder, UNIT)) + r":\d+:\d+: error: ", site.text()), site.text()[:500]
    site.follow("Back to all programmes", name="preview index with problems")
    assert "problems to fix" in site.text() or "problem to fix" in site.text()
    site.follow("See the problems")
    assert site.heading() == "This page has problems to fix"
    with open(path, "w", encoding="utf-8") as mended:
        mended.write(text)
    site.open("/programmes/peer-mentoring/modules/role")
    assert site.heading() == UNIT_TITLE
