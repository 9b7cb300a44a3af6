"""A throwaway Waymark server for one pytest session: its own data folder, a free loopback port."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field

SETUP_LINK = re.compile(r"(?:https?://\S+?)?(/setup/[A-Za-z0-9_\-]+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    binary: str
    data: str
    port: int
    process: subprocess.Popen = None
    output: list = field(default_factory=list)
    setup_path: str = None
    # Options for `serve` beyond the data folder, host, port and base URL (a curriculum folder, say).
    serve_arguments: list = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, *arguments, stdin: str = None) -> str:
        """Runs a waymark command on this server's data folder, as an operator would."""
        result = subprocess.run(
            [self.binary, *arguments, "--data", self.data],
            input=stdin, capture_output=True, text=True, timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"waymark {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", str(self.port),
             "--base-url", self.base, "--log-level", "warning", *self.serve_arguments],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        # The output is read for as long as the server runs, so a full pipe never blocks it.
        threading.Thread(target=self._read_output, daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("waymark serve exited early:\n" + "".join(self.output))
            if any("Waymark is running" in line for line in self.output) and self._healthy():
                return
            time.sleep(0.1)
        raise RuntimeError("waymark serve did not become healthy in 60 s:\n" + "".join(self.output))

    def _read_output(self):
        for line in self.process.stdout:
            self.output.append(line)
            found = SETUP_LINK.search(line)
            if found and self.setup_path is None:
                self.setup_path = found.group(1)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def waymark_binary() -> str:
    binary = os.environ.get("WAYMARK_BIN")
    if not binary:
        raise RuntimeError("Set WAYMARK_BIN to a built waymark binary, e.g. $(swift build --show-bin-path)/waymark")
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f"WAYMARK_BIN={binary} is not an executable file")
    return binary


def make_data_folder() -> str:
    return tempfile.mkdtemp(prefix="waymark-browser-")


def remove_data_folder(path: str):
    shutil.rmtree(path, ignore_errors=True)
