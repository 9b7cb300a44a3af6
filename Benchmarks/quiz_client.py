"""What quiz day's virtual trainees share: a kept-open connection, as a browser holds one, and
the way a trainee guessing fills in a check."""
import asyncio
import random
import re
import urllib.parse
from collections import defaultdict

REFLECTION = " ".join(["I would listen first, keep to my role, and ask my supervisor when unsure."] * 4)


class Connection:
    """One keep-alive HTTP/1.1 connection, as a browser holds it."""

    def __init__(self, host, port, source):
        self.host, self.port, self.source = host, port, source
        self.reader = self.writer = None
        self.cookies = {}

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, local_addr=(self.source, 0))

    async def request(self, method, path, form=None):
        """One request; a kept-open connection the server has closed meanwhile is opened again
        and the request sent once more, as a browser does when no answer has begun."""
        reused = self.writer is not None and not self.writer.is_closing()
        try:
            return await self.send(method, path, form)
        except (ConnectionError, asyncio.IncompleteReadError):
            if not reused:
                raise
            self.writer = None
            return await self.send(method, path, form)

    async def send(self, method, path, form):
        if self.writer is None or self.writer.is_closing():
            await self.open()
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                if "Max-Age=0" in value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = cookie
            headers[name] = value
        if headers.get("transfer-encoding") == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).strip() or b"0", 16)
                if size == 0:
                    await self.reader.readline()
                    break
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            content = b"".join(chunks)
        else:
            content = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
        return status, headers, content.decode("utf-8", "replace")


def token(page):
    found = re.search(r'name="csrf" value="([^"]*)"', page)
    return found.group(1) if found else ""


def random_answers(page):
    """Every question answered, each choice at random, as a trainee guessing would."""
    form = [("csrf", token(page))]
    radios, boxes = defaultdict(list), defaultdict(list)
    for name, value in re.findall(r'<input type="radio" id="[^"]*" name="([^"]+)" value="([^"]*)"', page):
        radios[name].append(value)
    for name, value in re.findall(r'<input type="checkbox" id="[^"]*" name="([^"]+)" value="([^"]*)"', page):
        boxes[name].append(value)
    form += [(name, random.choice(values)) for name, values in radios.items()]
    for name, values in boxes.items():
        form += [(name, value) for value in random.sample(values, random.randint(1, len(values)))]
    for name in re.findall(r'<input type="text" inputmode="decimal" id="[^"]*" name="([^"]+)"', page):
        form.append((name, str(random.randint(0, 20))))
    for name in re.findall(r'<input type="text" id="[^"]*" name="([^"]+)" autocomplete="off"', page):
        form.append((name, random.choice(["listen", "support", "a mentor", "boundaries"])))
    for select in re.findall(r'<select id="[^"]*" name="([^"]+)">(.*?)</select>', page, re.S):
        options = [v for v in re.findall(r'<option value="([^"]+)"', select[1])]
        if options:
            form.append((select[0], random.choice(options)))
    for name in re.findall(r'<textarea[^>]* name="([^"]+)"', page):
        form.append((name, REFLECTION))
    return form
