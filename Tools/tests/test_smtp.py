"""Email through a real SMTP server: `waymark mail test` against aiosmtpd on loopback.

aiosmtpd is an SMTP server written apart from Waymark, and Python's `email` package reads back
what it received, so these check Waymark's SMTP client and message building against two
independent implementations: plain delivery, STARTTLS with a private certificate trusted through
--smtp-ca-file, TLS from the first byte, AUTH over TLS (a wrong password refused), and a refused
recipient ending the command with a clear message and a non-zero exit. `waymark serve` takes the
same settings, and refuses unusable ones before it starts.

The certificate is made here, for 127.0.0.1 and localhost, with the `cryptography` package.
"""

import datetime
import email
import email.policy
import os
import ssl
import subprocess

import pytest

from running_waymark import RunningWaymark, free_port, waymark_binary

controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is missing: pip install aiosmtpd")
smtp = pytest.importorskip("aiosmtpd.smtp")
x509 = pytest.importorskip("cryptography.x509")

FROM = "waymark@northside.example"
FROM_NAME = "Café Zoë Mentoring"
USER = "waymark"
PASSWORD = "lanterns over the harbour"


class Mailbox:
    """An aiosmtpd handler that keeps what it is given and refuses nobody@... addresses."""

    def __init__(self):
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such person here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted for delivery"


class Authenticator:
    """Accepts USER with PASSWORD and remembers who tried."""

    def __init__(self):
        self.tried = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.tried.append((mechanism, login))
        # handled=False: aiosmtpd answers 535 itself when the password is wrong.
        return smtp.AuthResult(success=login == USER and password == PASSWORD, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 and localhost: (certificate file, key file)."""
    import ipaddress

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("smtp-tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Waymark test mail server")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "server.pem", folder / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return str(cert_file), str(key_file)


def server_context(certificate):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


class MailServer:
    """aiosmtpd on a free loopback port, for the length of a `with`."""

    def __init__(self, **options):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = controller.Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exception):
        self.controller.stop()


def mail_test(port, *options, to="jo@example.org", host="127.0.0.1", environment=None):
    """Runs `waymark mail test` against the server; the finished process."""
    return subprocess.run(
        [waymark_binary(), "mail", "test", "--to", to, "--smtp-host", host, "--smtp-port", str(port),
         "--mail-from", FROM, "--mail-from-name", FROM_NAME, *options],
        capture_output=True, text=True, timeout=60,
        env={**{k: v for k, v in os.environ.items() if not k.startswith(("WAYMARK_SMTP_", "WAYMARK_MAIL_"))}, **(environment or {})},
    )


def read(envelope):
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


def test_a_plain_message_arrives_with_both_parts_and_its_headers_decoded():
    with MailServer() as server:
        result = mail_test(server.port, "--smtp-security", "none")
    assert result.returncode == 0, result.stderr
    assert "Sent: the mail server accepted the test message for jo@example.org" in result.stdout
    [envelope] = server.mailbox.received
    assert envelope.mail_from == FROM and envelope.rcpt_tos == ["jo@example.org"]
    message = read(envelope)
    assert message["Subject"] == "Waymark test message"
    assert message["From"].addresses[0].display_name == FROM_NAME
    assert message["From"].addresses[0].addr_spec == FROM
    assert message["To"].addresses[0].addr_spec == "jo@example.org"
    assert message["MIME-Version"] == "1.0"
    assert message["Message-ID"].startswith("<test-") and message["Message-ID"].endswith("@northside.example>")
    assert message["Date"].datetime.tzinfo is not None
    assert message.get_content_type() == "multipart/alternative"
    plain, html = list(message.iter_parts())
    assert plain.get_content_type() == "text/plain" and plain.get_content_charset() == "utf-8"
    assert "This is a test message from Waymark." in plain.get_content()
    assert html.get_content_type() == "text/html"
    assert "<p>This is a test message from Waymark.</p>" in html.get_content()
    raw = envelope.original_content
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF"


def test_starttls_with_a_private_certificate_trusted_through_the_ca_file(certificate):
    with MailServer(tls_context=server_context(certificate), require_starttls=True) as server:
        untrusted = mail_test(server.port, "--smtp-security", "starttls", host="localhost")
        trusted = mail_test(server.port, "--smtp-security", "starttls", "--smtp-ca-file", certificate[0], host="localhost")
    assert untrusted.returncode == 1
    assert "Not sent." in untrusted.stderr and "not one this machine trusts" in untrusted.stderr and "--smtp-ca-file" in untrusted.stderr, untrusted.stderr
    assert trusted.returncode == 0, trusted.stderr
    assert "(STARTTLS)" in trusted.stdout
    [envelope] = server.mailbox.received
    assert read(envelope)["Subject"] == "Waymark test message"


def test_auth_over_starttls_with_the_password_from_the_environment_or_a_file(certificate, tmp_path):
    authenticator = Authenticator()
    password_file = tmp_path / "smtp-password"
    password_file.write_text(PASSWORD + "\n")
    with MailServer(tls_context=server_context(certificate), require_starttls=True, authenticator=authenticator, auth_require_tls=True) as server:
        common = ("--smtp-security", "starttls", "--smtp-ca-file", certificate[0], "--smtp-user", USER)
        from_environment = mail_test(server.port, *common, environment={"WAYMARK_SMTP_PASSWORD": PASSWORD})
        from_file = mail_test(server.port, *common, "--smtp-password-file", str(password_file))
        wrong = mail_test(server.port, *common, environment={"WAYMARK_SMTP_PASSWORD": "not the password"})
    assert from_environment.returncode == 0, from_environment.stderr
    assert from_file.returncode == 0, from_file.stderr
    assert len(server.mailbox.received) == 2
    assert authenticator.tried[0] == ("PLAIN", USER)
    assert wrong.returncode == 1
    assert "535" in wrong.stderr and f"the user name and password for {USER}" in wrong.stderr, wrong.stderr
    assert "not the password" not in wrong.stderr + wrong.stdout


def test_tls_from_the_first_byte_with_auth(certificate):
    authenticator = Authenticator()
    # aiosmtpd does not count TLS from the first byte as TLS for auth_require_tls (it would offer
    # no AUTH at all), so here it is off; the connection is TLS all the same.
    with MailServer(ssl_context=server_context(certificate), authenticator=authenticator, auth_require_tls=False) as server:
        result = mail_test(server.port, "--smtp-security", "tls", "--smtp-ca-file", certificate[0], "--smtp-user", USER,
                           environment={"WAYMARK_SMTP_PASSWORD": PASSWORD})
    assert result.returncode == 0, result.stderr
    assert "(TLS)" in result.stdout
    assert authenticator.tried == [("PLAIN", USER)]
    assert len(server.mailbox.received) == 1


def test_a_refused_recipient_ends_the_command_with_a_clear_message():
    with MailServer() as server:
        result = mail_test(server.port, "--smtp-security", "none", to="nobody@example.org")
    assert result.returncode == 1
    assert "Not sent." in result.stderr
    assert "answered 550 5.1.1 No such person here to the address nobody@example.org" in result.stderr, result.stderr
    assert "refused this message for good" in result.stderr
    assert server.mailbox.received == []


def test_a_password_is_not_sent_unencrypted_unless_allowed_by_name():
    with MailServer() as server:
        result = mail_test(server.port, "--smtp-security", "none", "--smtp-user", USER, environment={"WAYMARK_SMTP_PASSWORD": PASSWORD})
    assert result.returncode == 2
    assert "the password would cross the network" in result.stderr
    assert server.mailbox.received == []


def test_serve_takes_the_same_settings_and_refuses_unusable_ones_at_start_up(tmp_path):
    usable = ["--smtp-host", "127.0.0.1", "--smtp-port", str(free_port()), "--smtp-security", "none", "--mail-from", FROM]
    with RunningWaymark(tmp_path / "usable", extra_serve_arguments=usable) as server:
        assert server.response("/healthz").status == 200
    unusable = RunningWaymark(tmp_path / "unusable", extra_serve_arguments=["--smtp-host", "127.0.0.1"])
    with pytest.raises(RuntimeError, match="Give the address email comes from with --mail-from"):
        unusable.__enter__()
