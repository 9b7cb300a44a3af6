"""A forgotten password, end to end through a real SMTP server: `waymark serve` with its mail
settings pointed at aiosmtpd on loopback, a person asking for a link on the sign-in page, the
email arriving (written to the outbox, sent by the background sender), the link in it followed,
a new password chosen, and the person signing in with it.

This is the path no Swift test can take: the web app, the outbox in the database, the sender,
Waymark's SMTP client and an SMTP server written apart from Waymark, in one journey.
"""

import email
import email.policy
import html
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from running_waymark import RunningWaymark, free_port

controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is missing: pip install aiosmtpd")

PERSON = "dan.murphy@demo.waymark.invalid"
NEW_PASSWORD = "a kettle on the stove at dawn"
# What an email must never carry (the issue: nothing about convictions, DBS results or wellbeing).
NEVER_IN_AN_EMAIL = ["conviction", "dbs", "barring", "wellbeing", "offence", "criminal record"]


class Mailbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted for delivery"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments, **keywords):
        return None


class Browser:
    """Cookies kept, redirects not followed: each answer is seen as the server gave it."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects())

    def request(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, dict(answer.headers), answer.read().decode()


def csrf(page):
    return re.search(r'name="csrf" value="([^"]*)"', page).group(1)


def wait_for_message(mailbox, address, seconds=60):
    """The first email to `address` (the demo cohort also gets its reminders, to supervisors)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for envelope in mailbox.received:
            if envelope.rcpt_tos == [address]:
                return envelope
        time.sleep(0.5)
    raise AssertionError(f"no email to {address} arrived within {seconds} s")


@pytest.fixture
def mail_server():
    """aiosmtpd on a free loopback port: (its mailbox, the `serve` options that point at it)."""
    mailbox = Mailbox()
    port = free_port()
    smtp = controller.Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        yield mailbox, ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none",
                        "--mail-from", "waymark@northside.example"]
    finally:
        smtp.stop()


def test_a_forgotten_password_is_reset_through_the_emailed_link(tmp_path, mail_server):
    mailbox, mail_settings = mail_server
    with RunningWaymark.demo(tmp_path, extra_serve_arguments=mail_settings) as server:
        browser = Browser(server.base)
        status, _, login = browser.request("/login")
        assert status == 200 and 'href="/password-reset"' in login
        status, _, asking = browser.request("/password-reset")
        assert status == 200
        status, _, answer = browser.request("/password-reset", [("csrf", csrf(asking)), ("email", PERSON)])
        assert status == 200 and "email" in answer.lower()

        envelope = wait_for_message(mailbox, PERSON)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        plain = message.get_body(preferencelist=("plain",)).get_content()
        rich = message.get_body(preferencelist=("html",)).get_content()
        links = re.findall(re.escape(server.base) + r"(/password-reset/[A-Za-z0-9_-]+)", plain)
        assert links, plain
        assert html.escape(server.base + links[0]) in rich or (server.base + links[0]) in rich

        status, _, choosing = browser.request(links[0])
        assert status == 200 and 'name="password"' in choosing
        status, headers, _ = browser.request(links[0], [("csrf", csrf(choosing)), ("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)])
        assert status == 303, headers

        # The link works once.
        status, _, again = browser.request(links[0])
        assert 'name="password"' not in again

        fresh = Browser(server.base)
        _, _, login = fresh.request("/login")
        status, headers, _ = fresh.request("/login", [("csrf", csrf(login)), ("email", PERSON), ("password", NEW_PASSWORD)])
        assert status == 303 and "/login" not in headers.get("Location", "")

        # Every email the server sent meanwhile (the demo's reminders to supervisors among
        # them) says nothing about convictions, DBS or wellbeing, in either part.
        for envelope in mailbox.received:
            sent = email.message_from_bytes(envelope.content, policy=email.policy.default)
            for part in ("plain", "html"):
                words = sent.get_body(preferencelist=(part,)).get_content().lower() + str(sent["Subject"]).lower()
                assert not [term for term in NEVER_IN_AN_EMAIL if term in words], words


def test_an_unknown_address_gets_the_same_answer_and_no_email(tmp_path, mail_server):
    mailbox, mail_settings = mail_server
    with RunningWaymark.demo(tmp_path, extra_serve_arguments=mail_settings) as server:
        answers = []
        for address in [PERSON, "nobody.here@example.org"]:
            browser = Browser(server.base)
            _, _, asking = browser.request("/password-reset")
            status, _, answer = browser.request("/password-reset", [("csrf", csrf(asking)), ("email", address)])
            assert status == 200
            answers.append(re.sub(r'name="csrf" value="[^"]*"', "", answer.split("<main", 1)[-1]))
        assert answers[0] == answers[1]
        wait_for_message(mailbox, PERSON)
        time.sleep(12)  # one more turn of the sender: nothing for the unknown address
        assert ["nobody.here@example.org"] not in [envelope.rcpt_tos for envelope in mailbox.received]
