"""Baked badges, read back by an independent Open Badges library (openbadgeslib).

Runs a real `waymark serve` on a free port with the demo cohort, signs in as the demo trainee
whose certificate is valid (Jamal Reid, through the sign-in form as a person would), downloads
the PNG and the SVG badge from My certificate, takes the credential out of each with
openbadgeslib's OB 3.0 readers, and verifies its signature against /.well-known/jwks.json.
A changed character in the baked credential fails; a suspended certificate has no badge.

The credential's status is not checked here: openbadgeslib reads W3C Bitstring status lists,
and the status of Waymark credentials is tested with openbadgeslib in test_openbadges_status.py.
"""

import base64
import html
import http.cookiejar
import json
import os
import pathlib
import re
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

import pytest

ob3 = pytest.importorskip("openbadgeslib.ob3.verifier", reason="openbadgeslib is missing: pip install openbadgeslib")
jwt = pytest.importorskip("jwt")
ed25519 = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ed25519")
serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")

ROOT = pathlib.Path(__file__).resolve().parents[2]
PASSWORD = "Lanterns glow over the quiet harbour 2026"
CERTIFIED = "jamal.reid@demo.waymark.invalid"
SUSPENDED = "maya.patel@demo.waymark.invalid"
CODE = re.compile(r"WM(?:-[0-9A-Z]{4}){4}-[0-9A-Z]")


def waymark_binary():
    configured = os.environ.get("WAYMARK_BIN")
    if configured:
        return configured
    built = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return str(pathlib.Path(built.stdout.strip()) / "waymark")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Server:
    """`waymark serve` on a data folder holding the demo cohort, with passwords for two trainees."""

    def __init__(self, folder):
        self.binary = waymark_binary()
        self.data = str(folder / "data")
        self.base = f"http://127.0.0.1:{free_port()}"
        self.command("demo")
        for email in (CERTIFIED, SUSPENDED):
            self.command("users", "set-password", "--email", email, "--password-stdin", stdin=PASSWORD + "\n")
        port = self.base.rsplit(":", 1)[1]
        self.log = open(folder / "serve.log", "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--port", port, "--base-url", self.base,
             "--issuer-name", "Northside Mentoring", "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while not self.healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("waymark serve did not start: " + (folder / "serve.log").read_text())
            time.sleep(0.1)

    def command(self, *arguments, stdin=None):
        result = subprocess.run([self.binary, *arguments, "--data", self.data], input=stdin, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError(f"waymark {' '.join(arguments)} failed: {result.stderr}")
        return result.stdout

    def healthy(self):
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Browser:
    """A client with its own cookies, signed in through the sign-in form."""

    def __init__(self, server, email=None):
        self.base = server.base
        cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        self.plain = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), NoRedirects)
        if email:
            form = self.get("/login").text
            csrf = html.unescape(re.search(r'name="csrf" value="([^"]+)"', form).group(1))
            body = urllib.parse.urlencode({"csrf": csrf, "email": email, "password": PASSWORD}).encode()
            signed_in = self.open("/login", data=body)
            assert "Sign out" in signed_in.text, signed_in.text[:500]

    def open(self, path, data=None, method=None, follow=True):
        request = urllib.request.Request(self.base + path, data=data, method=method)
        try:
            with (self.opener if follow else self.plain).open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, path, **options):
        return self.open(path, **options)


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server():
    with tempfile.TemporaryDirectory(prefix="waymark-badges-") as folder:
        running = Server(pathlib.Path(folder))
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def holder(server):
    return Browser(server, CERTIFIED)


@pytest.fixture(scope="module")
def downloads(holder):
    page = holder.get("/certificate")
    assert page.status == 200
    code = CODE.search(page.text).group(0)
    return code, holder.get("/certificate/badge.png"), holder.get("/certificate/badge.svg")


def public_key(server, token):
    """The key the token names, from the published key set, as PEM."""
    kid = jwt.get_unverified_header(token)["kid"]
    with urllib.request.urlopen(server.base + "/.well-known/jwks.json", timeout=10) as response:
        keys = json.load(response)["keys"]
    found = [key for key in keys if key.get("kid") == kid]
    assert found, f"{kid} is not published"
    x = found[0]["x"]
    raw = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
    key = ed25519.Ed25519PublicKey.from_public_bytes(raw)
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def verify(server, token):
    return ob3.OB3Verifier(pubkey_pem=public_key(server, token)).verify(token)


def png_chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position = 8
    while position < len(data):
        length, = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        crc, = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        yield kind, body, crc
        position += 12 + length


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def changed_in_middle(token):
    """The token with one character of its payload changed."""
    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    changed = payload[:middle] + ("A" if payload[middle] != "A" else "B") + payload[middle + 1:]
    return f"{header}.{changed}.{signature}"


def test_my_certificate_offers_both_pictures_and_says_what_they_are_for(holder):
    page = holder.get("/certificate").text
    assert 'href="/certificate/badge.png"' in page and 'href="/certificate/badge.svg"' in page
    assert "Add it to a badge backpack" in page and "they can check it is genuine" in page
    assert page.index("/certificate/badge.png") < page.index(".jwt"), "the page leads with the pictures"


def test_the_downloads_are_pictures_with_file_names(downloads):
    code, png, svg = downloads
    assert png.status == 200 and png.headers["Content-Type"] == "image/png"
    assert png.headers["Content-Disposition"] == f'attachment; filename="badge-{code}.png"'
    assert svg.status == 200 and svg.headers["Content-Type"] == "image/svg+xml"
    assert svg.headers["Content-Disposition"] == f'attachment; filename="badge-{code}.svg"'


def test_head_answers_as_get_does(holder, downloads):
    code, _, _ = downloads
    for picture, kind in (("png", "image/png"), ("svg", "image/svg+xml")):
        head = holder.open(f"/certificate/badge.{picture}", method="HEAD")
        assert head.status == 200 and head.headers["Content-Type"] == kind and head.body == b""
        assert head.headers["Content-Disposition"] == f'attachment; filename="badge-{code}.{picture}"'


def test_openbadgeslib_reads_and_verifies_the_credential_in_both_pictures(server, holder, downloads):
    code, png, svg = downloads
    from_png = ob3.OB3Verifier.extract_token_from_png(png.body)
    from_svg = ob3.OB3Verifier.extract_token_from_svg(svg.body)
    # Ed25519 signs deterministically: both are the credential the site serves.
    served = holder.get(f"/credentials/{code}.jwt").text.strip()
    assert from_png == from_svg == served
    for token in (from_png, from_svg):
        credential = verify(server, token)
        assert credential.id == f"{server.base}/verify/{code}"
        assert credential.issuer.name == "Northside Mentoring"
        payload = jwt.decode(token, options={"verify_signature": False})
        assert payload["credentialSubject"]["name"] == "Jamal Reid"


def test_the_png_holds_one_uncompressed_credential_chunk_with_correct_checksums(downloads):
    _, png, _ = downloads
    chunks = list(png_chunks(png.body))
    assert [kind for kind, _, _ in chunks][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    for kind, body, crc in chunks:
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"the {kind} chunk's CRC is wrong"
    baked = [body for kind, body, _ in chunks if kind == b"iTXt" and body.startswith(b"openbadgecredential\x00")]
    assert len(baked) == 1
    # Keyword, NUL, compression flag 0, method 0, empty language tag and translated keyword.
    assert baked[0].startswith(b"openbadgecredential\x00\x00\x00\x00\x00")
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert width >= 400, "the picture is narrower than 400 px"
    pixels = zlib.decompress(b"".join(body for kind, body, _ in chunks if kind == b"IDAT"))
    assert len(pixels) == (width + 1) * height


def test_the_svg_has_one_credential_element_first_in_the_open_badges_namespace(downloads):
    _, _, svg = downloads
    text = svg.text
    opening = re.search(r"<svg\b[^>]*>", text).group(0)
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in opening
    after = text[text.index(opening) + len(opening):].lstrip()
    assert after.startswith("<openbadges:credential verify=\"")
    assert text.count("<openbadges:credential") == 1
    assert "Jamal Reid" in text and "<script" not in text


def test_a_changed_character_in_the_baked_png_fails(server, downloads):
    _, png, _ = downloads
    token = ob3.OB3Verifier.extract_token_from_png(png.body)
    rebuilt = b"\x89PNG\r\n\x1a\n"
    for kind, body, _ in png_chunks(png.body):
        if kind == b"iTXt" and body.startswith(b"openbadgecredential\x00"):
            body = body.replace(token.encode(), changed_in_middle(token).encode())
        # The chunk's CRC is made right again, so only the signature can catch the change.
        rebuilt += chunk(kind, body)
    tampered = ob3.OB3Verifier.extract_token_from_png(rebuilt)
    assert tampered != token
    with pytest.raises(ob3.OB3VerificationError):
        verify(server, tampered)


def test_a_changed_character_in_the_baked_svg_fails(server, downloads):
    _, _, svg = downloads
    token = ob3.OB3Verifier.extract_token_from_svg(svg.body)
    tampered_svg = svg.body.replace(token.encode(), changed_in_middle(token).encode())
    tampered = ob3.OB3Verifier.extract_token_from_svg(tampered_svg)
    assert tampered != token
    with pytest.raises(ob3.OB3VerificationError):
        verify(server, tampered)


def test_a_suspended_certificate_offers_no_badge_and_the_route_refuses(server):
    suspended = Browser(server, SUSPENDED)
    page = suspended.get("/certificate").text
    assert "Suspended" in page and "/certificate/badge." not in page
    for picture in ("png", "svg"):
        refused = suspended.get(f"/certificate/badge.{picture}")
        assert refused.status == 404 and refused.headers["Content-Type"].startswith("text/html")
        assert "There is no badge to download" in refused.text


def test_signed_out_there_is_no_badge(server):
    answer = Browser(server).get("/certificate/badge.png", follow=False)
    assert answer.status in (302, 303) and answer.headers["Location"].startswith("/login")
