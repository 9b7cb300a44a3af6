"""A real `waymark serve` for the tests in Tools/tests: its own data folder with the demo cohort,
on a free loopback port, and the waymark commands run against the same folder.

    with RunningWaymark.demo(tmp_path) as server:
        token = server.get(f"/credentials/{server.code('Jamal Reid')}.jwt").decode()
        server.command("certificates", "suspend", code, "--reason", "checking")

Open Badges libraries (openbadgeslib) fetch only over HTTPS from public hosts, as they should;
`fetch` is the download function to hand them instead, which reads this server over plain HTTP
(and turns the https:// address a did:web resolves to back into this server's http:// one).
"""

import base64
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest


def waymark_binary():
    """The binary under test: WAYMARK_BIN, or the test is skipped saying how to set it."""
    binary = os.environ.get("WAYMARK_BIN")
    if not binary:
        pytest.skip("WAYMARK_BIN is not set: build waymark and set WAYMARK_BIN=\"$(swift build --show-bin-path)/waymark\"")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"WAYMARK_BIN={binary} is not an executable file")
    return binary


def free_port():
    with socket.socket() as handle:
        handle.bind(("127.0.0.1", 0))
        return handle.getsockname()[1]


class RunningWaymark:
    """One `waymark serve` on a data folder; use it as a context manager (it stops on leaving)."""

    def __init__(self, folder, extra_serve_arguments=(), environment=None):
        self.binary = waymark_binary()
        self.data = str(folder / "data")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # For the server and every command alike (WAYMARK_ISSUER_DID=1, say), so they agree.
        self.environment = {**os.environ, **(environment or {}), "WAYMARK_BASE_URL": self.base}
        self.extra_serve_arguments = list(extra_serve_arguments)
        self.process = None
        self.output = []

    @classmethod
    def demo(cls, folder, extra_serve_arguments=(), environment=None):
        """A server whose data folder starts with `waymark demo` (16 trainees at every stage)."""
        server = cls(folder, extra_serve_arguments, environment)
        server.command("demo")
        return server

    def command(self, *arguments, check=True):
        """Runs a waymark command on this server's data folder, naming the same site."""
        result = subprocess.run(
            [self.binary, *arguments, "--data", self.data], capture_output=True, text=True, env=self.environment, timeout=120
        )
        if check and result.returncode != 0:
            raise AssertionError(f"waymark {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def code(self, holder):
        """The code of the certificate held by `holder` (as `waymark certificates list` shows it)."""
        for line in self.command("certificates", "list").stdout.splitlines():
            if holder in line:
                return line.split()[0]
        raise AssertionError(f"no certificate for {holder}")

    def __enter__(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", str(self.port),
             "--base-url", self.base, "--log-level", "warning", *self.extra_serve_arguments],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=self.environment,
        )
        # Read for as long as it runs, so a full pipe never blocks the server.
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("waymark serve exited early:\n" + "".join(self.output))
            try:
                if self.response("/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError("waymark serve did not answer /healthz in 60 s:\n" + "".join(self.output))

    def __exit__(self, *exception):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def response(self, path, method="GET", headers=None):
        """The server's answer to one request, read whole (an HTTP error is an answer too)."""
        request = urllib.request.Request(self.base + path, method=method, headers=headers or {})
        try:
            response = urllib.request.urlopen(request, timeout=10)  # noqa: S310 (this server, over http)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            response.body = response.read()
            return response

    def get(self, path):
        """The body of a GET that must answer 200."""
        response = self.response(path)
        assert response.status == 200, f"GET {path} answered {response.status}"
        return response.body

    def fetch(self, url):
        """A download function for credential libraries: this server's URLs only, over http."""
        own_https = "https://" + self.base.removeprefix("http://")
        if url.startswith(own_https):
            url = self.base + url.removeprefix(own_https)
        assert url.startswith(self.base + "/"), f"asked to fetch {url}, which is not this server"
        return self.get(url.removeprefix(self.base))

    def jwks(self):
        return json.loads(self.get("/.well-known/jwks.json"))

    def public_key_pem(self, kid):
        """The published key `kid` as a PEM public key (what openbadgeslib's OB3Verifier takes)."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        for key in self.jwks()["keys"]:
            if key.get("kid") == kid and key.get("kty") == "OKP" and key.get("crv") == "Ed25519":
                raw = base64.urlsafe_b64decode(key["x"] + "=" * (-len(key["x"]) % 4))
                return Ed25519PublicKey.from_public_bytes(raw).public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
                )
        raise AssertionError(f"the server does not publish the key {kid}")


def jose_header(token):
    """The JOSE header of a compact JWS, unchecked."""
    part = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def jose_payload(token):
    """The payload of a compact JWS, unchecked."""
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
