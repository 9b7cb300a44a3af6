"""Independent verification of Waymark credentials with joserfc, over HTTP.

Issues demo certificates with the `waymark` command, lays out what the web routes serve
(/credentials/<code>.jwt, /credentials/<code>/status, /status-lists/1/revocation and
/status-lists/1/suspension, /.well-known/jwks.json) in a folder served
by a local HTTP server, and checks with Tools/verify_credential.py (joserfc) and with
`waymark credentials verify`: a genuine credential passes; one changed character, a key that was
rotated out and retired, and a suspended certificate fail.
"""

import functools
import http.server
import os
import pathlib
import subprocess
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tools"))

import verify_credential  # noqa: E402

# Open Badges 3.0 names the algorithm "EdDSA"; joserfc warns that RFC 9864 prefers "Ed25519".
pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")


def waymark_binary():
    configured = os.environ.get("WAYMARK_BIN")
    if configured:
        return configured
    built = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return str(pathlib.Path(built.stdout.strip()) / "waymark")


class Site:
    """A data folder with the demo cohort, and a local server for what the routes would serve."""

    def __init__(self, folder):
        self.binary = waymark_binary()
        self.data = folder / "data"
        self.served = folder / "served"
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(self.served))
        handler.log_message = lambda *args: None
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.waymark("demo")

    def waymark(self, *arguments, check=True):
        """Runs waymark on this site's data folder (verifying needs no data folder: it fetches)."""
        verifying = arguments[:2] == ("credentials", "verify")
        command = [self.binary, *arguments] + ([] if verifying else ["--data", str(self.data)])
        environment = {**os.environ, "WAYMARK_BASE_URL": self.base, "WAYMARK_ISSUER_NAME": "Test Mentoring"}
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
        if check and result.returncode != 0:
            raise AssertionError(f"waymark {' '.join(arguments)} failed: {result.stderr}")
        return result

    def code(self, holder):
        for line in self.waymark("certificates", "list").stdout.splitlines():
            if holder in line:
                return line.split()[0]
        raise AssertionError(f"no certificate for {holder}")

    def publish(self, code):
        """Writes the JWT, its status and the keys where the routes would serve them; returns the JWT URL."""
        (self.served / "credentials" / code).mkdir(parents=True, exist_ok=True)
        (self.served / ".well-known").mkdir(parents=True, exist_ok=True)
        self.waymark("credentials", "export", code, "--out", str(self.served / "credentials" / f"{code}.jwt"))
        self.waymark("credentials", "status", code, "--out", str(self.served / "credentials" / code / "status"))
        (self.served / "status-lists" / "1").mkdir(parents=True, exist_ok=True)
        for purpose in ("revocation", "suspension"):
            self.waymark("credentials", "status-list", purpose, "--out", str(self.served / "status-lists" / "1" / purpose))
        self.refresh_keys()
        return f"{self.base}/credentials/{code}.jwt"

    def refresh_keys(self):
        self.waymark("keys", "jwks", "--out", str(self.served / ".well-known" / "jwks.json"))

    @property
    def jwks_url(self):
        return f"{self.base}/.well-known/jwks.json"

    def close(self):
        self.server.shutdown()


@pytest.fixture()
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    site.close()


def verify(site, credential_url):
    return verify_credential.main(["--jwks", site.jwks_url, credential_url])


def test_a_genuine_credential_passes(site):
    url = site.publish(site.code("Jamal Reid"))
    assert verify(site, url) == 0
    checked = site.waymark("credentials", "verify", url, check=False)
    assert checked.returncode == 0, checked.stderr
    assert "genuine and current" in checked.stdout


def test_one_changed_character_fails(site):
    code = site.code("Jamal Reid")
    site.publish(code)
    path = site.served / "credentials" / f"{code}.jwt"
    token = path.read_text().strip()
    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    changed = payload[:middle] + ("A" if payload[middle] != "A" else "B") + payload[middle + 1:]
    (site.served / "credentials" / "changed.jwt").write_text(f"{header}.{changed}.{signature}\n")
    assert verify(site, f"{site.base}/credentials/changed.jwt") != 0
    checked = site.waymark("credentials", "verify", f"{site.base}/credentials/changed.jwt", check=False)
    assert checked.returncode == 1
    assert "FAILED" in checked.stderr


def test_a_credential_signed_by_a_retired_key_fails(site):
    code = site.code("Kerry Walsh")
    url = site.publish(code)
    old = pathlib.Path(site.served / "credentials" / f"{code}.jwt").read_text()
    (site.served / "credentials" / "old.jwt").write_text(old)
    old_kid = [line.split()[0] for line in site.waymark("keys", "list").stdout.splitlines()[1:]]
    assert len(old_kid) == 1

    site.waymark("keys", "rotate")
    site.refresh_keys()
    # Rotated out but still published: still verifies.
    assert verify(site, f"{site.base}/credentials/old.jwt") == 0

    site.waymark("keys", "retire", old_kid[0])
    site.refresh_keys()
    assert verify(site, f"{site.base}/credentials/old.jwt") != 0
    checked = site.waymark("credentials", "verify", f"{site.base}/credentials/old.jwt", check=False)
    assert checked.returncode == 1
    assert "key" in checked.stderr and "does not publish" in checked.stderr
    # The same certificate, signed again with the new key, verifies.
    assert verify(site, site.publish(code)) == 0 and url


def test_a_suspended_certificate_fails_on_its_status(site):
    url = site.publish(site.code("Maya Patel"))
    assert verify(site, url) != 0
    assert verify_credential.main(["--jwks", site.jwks_url, "--no-status", url]) == 0
    checked = site.waymark("credentials", "verify", url, check=False)
    assert checked.returncode == 1
    assert "status     FAILED: The issuer has suspended this certificate" in checked.stderr
