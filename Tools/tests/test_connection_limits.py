"""Connections that cost the server nothing much: the real `waymark serve` holds 2,000 idle
connections and 200 half-sent requests open while a normal client still gets its pages, each
within 100 ms.

The held connections are opened after one warm-up round (the first answer of each page pays
for loading it once) and kept for well under the server's idle timeout, which this test sets to
120 s, and are checked to be still open at the end: what it checks is that connections left
open cost the others nothing, not that the server closes them (ConnectionLimitTests in the
Swift tests check that). `--max-connections` is 3,000 here so all 2,200 are accepted; with the
default (1,000) the rest wait to be accepted, as the README says, and this test fails. Where
allowed (as root, as CI runs), the server and this client run ahead of other work on the
machine, so a compiler next door is not what gets measured.
"""

import http.client
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request

import pytest

from running_waymark import waymark_binary

IDLE_CONNECTIONS = 2_000
HALF_SENT_REQUESTS = 200
ROUNDS = 20
PAGES = ["/", "/login", "/verify", "/healthz"]
BOUND_MS = 100
IDLE_TIMEOUT_SECONDS = 120
MAX_CONNECTIONS = 3_000
# Both ends of every held connection, the server's own files, and room to spare.
FILES_NEEDED = 2 * (IDLE_CONNECTIONS + HALF_SENT_REQUESTS) + 1_000


def raise_file_limit():
    """Raises this process's open-file limit; the server started from it inherits the same."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < FILES_NEEDED:
        if hard != resource.RLIM_INFINITY and hard < FILES_NEEDED:
            pytest.skip(f"the open-file hard limit is {hard}; this test needs {FILES_NEEDED}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (FILES_NEEDED, hard))


def ahead_of_other_work():
    """Runs this process ahead of other work on the machine where allowed (as root, as CI runs):
    what is measured is what held connections cost, not what a compiler next door takes."""
    try:
        os.nice(-10)
    except OSError:
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`waymark serve` on a fresh data folder with the demo cohort, on a free loopback port."""

    def __init__(self, binary, data):
        self.binary = binary
        self.data = data
        self.port = free_port()
        self.output = []
        self.process = None

    def start(self):
        demo = subprocess.run([self.binary, "demo", "--data", self.data], capture_output=True, text=True, timeout=300)
        assert demo.returncode == 0, f"waymark demo failed:\n{demo.stdout}\n{demo.stderr}"
        self.process = subprocess.Popen(
            [
                self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", str(self.port),
                "--base-url", f"http://127.0.0.1:{self.port}", "--log-level", "warning",
                "--max-connections", str(MAX_CONNECTIONS), "--connection-idle-seconds", str(IDLE_TIMEOUT_SECONDS),
            ],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=ahead_of_other_work,
        )
        # Read for as long as the server runs, so a full pipe never blocks it.
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("waymark serve exited early:\n" + "".join(self.output))
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("waymark serve did not become healthy in 60 s:\n" + "".join(self.output))

    def open_sockets(self):
        """How many sockets the server holds open (its listener among them), where Linux says."""
        try:
            folder = f"/proc/{self.process.pid}/fd"
            names = os.listdir(folder)
        except OSError:
            return None
        count = 0
        for name in names:
            try:
                count += os.readlink(os.path.join(folder, name)).startswith("socket:")
            except OSError:
                pass  # closed while we looked
        return count

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server():
    binary = waymark_binary()
    raise_file_limit()
    data = tempfile.mkdtemp(prefix="waymark-connections-")
    running = Server(binary, data)
    try:
        running.start()
        yield running
    finally:
        running.stop()
        shutil.rmtree(data, ignore_errors=True)


def fetch(port, path):
    """One GET over a fresh connection, as a browser's first visit makes it; (status, milliseconds)."""
    began = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - began) * 1_000
    finally:
        connection.close()


def still_open(sock):
    """True while the server has neither closed the connection nor answered on it."""
    sock.setblocking(False)  # with a timeout set, recv would wait for data first
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def test_a_normal_client_gets_its_pages_within_100_ms_while_2200_connections_are_held(server):
    ahead_of_other_work()
    for path in PAGES:
        assert fetch(server.port, path)[0] == 200, path

    held = []
    try:
        began = time.monotonic()
        for _ in range(IDLE_CONNECTIONS):
            held.append(socket.create_connection(("127.0.0.1", server.port), timeout=30))
        for number in range(HALF_SENT_REQUESTS):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
            # A request line and part of a header, and then nothing more.
            sock.sendall(f"GET /login?n={number} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never-Finished: ".encode())
            held.append(sock)
        # Wait until the server has accepted them all (not merely the kernel queued them): it then
        # holds a socket for each, besides its listener.
        if server.open_sockets() is not None:
            deadline = time.monotonic() + 30
            while server.open_sockets() <= len(held) and time.monotonic() < deadline:
                time.sleep(0.2)
            accepted = server.open_sockets() - 1
            assert accepted >= len(held), f"the server accepted {accepted} of the {len(held)} connections"

        timings = {path: [] for path in PAGES}
        for _ in range(ROUNDS):
            for path in PAGES:
                status, milliseconds = fetch(server.port, path)
                assert status == 200, f"{path} answered {status}"
                timings[path].append(milliseconds)
        held_for = time.monotonic() - began
        open_at_end = sum(still_open(sock) for sock in held)
    finally:
        for sock in held:
            sock.close()

    everything = sorted(t for path in PAGES for t in timings[path])
    summary = "; ".join(
        f"{path} p50 {statistics.median(timings[path]):.1f} ms, max {max(timings[path]):.1f} ms" for path in PAGES
    )
    p95 = everything[int(0.95 * (len(everything) - 1))]
    print(
        f"\n{len(everything)} pages while {len(held)} connections were held ({held_for:.1f} s): "
        f"p50 {statistics.median(everything):.1f} ms, p95 {p95:.1f} ms, max {everything[-1]:.1f} ms ({summary})"
    )
    assert held_for < IDLE_TIMEOUT_SECONDS, "the test held its connections longer than the server's idle timeout"
    assert open_at_end == len(held), f"only {open_at_end} of {len(held)} held connections were still open at the end"
    slow = [(path, round(t, 1)) for path in PAGES for t in timings[path] if t > BOUND_MS]
    assert not slow, f"pages slower than {BOUND_MS} ms: {slow} ({summary})"
