#!/usr/bin/env python3
"""Quiz day: many trainees at once, each reading a unit and taking its check, the way Moodle's
published load test measures a quiz (think time between pages, one browser connection each).

    python3 Benchmarks/quiz_day.py [--trainees 400] [--think 30-90] [--ramp 60] [--steady 300]
                                   [--max-requests N] [--fast-sign-in] [--kill-at S] [--binary PATH]

Builds release binaries (unless --binary), makes a fresh data folder, adds N trainees straight
into SQLite (benchmark tooling: one password hash shared by all), starts `waymark serve` and the
bare Hummingbird server, then runs N virtual trainees in this one process. Each keeps one
connection open, as a browser does, signs in through the real form, and loops:

    dashboard -> unit -> "I have read this" -> check -> answers sent (chosen at random) -> result

waiting a think time drawn from --think seconds between pages. Trainees start spread over
--ramp seconds; the steady phase then runs --steady seconds (or until --max-requests), and only
it is reported: trainees, connections, requests, requests/s, p50/p95/p99/max per step, errors by
kind, the server's CPU per request and RSS, this process's own CPU, and the bare route's CPU per
request measured in the same run. A benchmark reports; it does not pass or fail.

--kill-at S kills the server with SIGKILL S seconds into the steady phase and starts it again on
the same data folder and port (trainees reconnect; their sessions are in the database). At the
end every trainee's answers that got their 303 are counted against the attempts in the
database: acknowledged vs found, and any acknowledged answer missing is named.

Sign-ins check bcrypt at cost 12 (about 6 a second on this machine's two cores), so 1,000
trainees take minutes to sign in; --fast-sign-in stores a cost-4 hash instead (needs Python's
`bcrypt`), and the report says so. Connections come from 127.0.0.1-127.0.0.8 so that ports do
not run out; the file limit is raised to its hard limit for this process and the server.
"""
import argparse
import asyncio
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import cpu_seconds, free_port, wait_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "quiz day password 2026"
MODULE = "role"  # open to applicants, with no limit on tries: a trainee can loop for ever
STEPS = ["sign-in", "dashboard", "unit", "read", "check", "answers", "result"]
REFLECTION = " ".join(["I would listen first, keep to my role, and ask my supervisor when unsure."] * 4)




def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0



def password_hash(waymark, env, fast):
    if fast:
        import bcrypt  # only for --fast-sign-in

        return bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    email = "dan.murphy@demo.waymark.invalid"
    subprocess.run([waymark, "users", "set-password", "--email", email, "--password-stdin"], env=env, input=PASSWORD + "\n",
                   text=True, check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(env["WAYMARK_DATA"], "waymark.sqlite"))
    (found,) = db.execute("SELECT password_hash FROM people WHERE email = ?", (email,)).fetchone()
    db.close()
    return found


def add_trainees(database, count, hashed):
    """N applicants on peer-mentoring, with summary rows as the store would write them."""
    db = sqlite3.connect(database)
    now = time.time()
    people = [(str(uuid.uuid4()), index) for index in range(count)]
    db.executemany("INSERT INTO people (id, name, email, roles, active, created_at, password_hash) VALUES (?, ?, ?, 'trainee', 1, ?, ?)",
                   [(pid, f"Quiz Trainee {i:06d}", f"quiz{i}@bench.invalid", now, hashed) for pid, i in people])
    db.executemany("INSERT INTO enrolments (trainee_id, programme_id, enrolled_at) VALUES (?, 'peer-mentoring', ?)", [(pid, now) for pid, _ in people])
    db.executemany("""INSERT INTO trainee_summaries (trainee_id, programme_id, stage, next_step, next_step_actor, last_activity,
                      supervision_due, certificate_valid_until, awaiting_review, last_sequence, name)
                      VALUES (?, 'peer-mentoring', 'applicant', 'They will send in their application', 'trainee', NULL, NULL, NULL, 0, 0, ?)""",
                   [(pid, f"Quiz Trainee {i:06d}") for pid, i in people])
    db.commit()
    db.close()
    return [f"quiz{i}@bench.invalid" for _, i in people]


class Connection:
    """One keep-alive HTTP/1.1 connection, as a browser holds it."""

    def __init__(self, host, port, source):
        self.host, self.port, self.source = host, port, source
        self.reader = self.writer = None
        self.cookies = {}

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, local_addr=(self.source, 0))

    async def request(self, method, path, form=None):
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


class Tally:
    def __init__(self):
        self.latencies = defaultdict(list)
        self.errors = Counter()
        self.counting = False
        self.requests = 0
        # Sign-ins answered "busy, come back in a moment" (503 with Retry-After), all phases.
        self.asked_to_wait = 0

    def add(self, step, seconds, problem=None):
        if not self.counting:
            return
        self.requests += 1
        self.latencies[step].append(seconds * 1000)
        if problem:
            self.errors[f"{step}: {problem}"] += 1


async def trainee(email, connection, tally, think, stop, signed_in, acknowledged):
    async def step(name, method, path, form=None, expect=(200,)):
        started = time.perf_counter()
        try:
            status, headers, page = await asyncio.wait_for(connection.request(method, path, form), 30)
        except Exception as problem:  # a refused, reset or timed-out request is an error to report
            tally.add(name, time.perf_counter() - started, type(problem).__name__)
            connection.writer = None
            return None
        tally.add(name, time.perf_counter() - started, None if status in expect else f"HTTP {status}")
        return page if status in expect else None

    async def pause():
        await asyncio.sleep(random.uniform(*think))

    # A sign-in that finds bcrypt's queue full is asked to come back (503, Retry-After): a person
    # would wait and press the button again, so the virtual trainee does too.
    login = await step("sign-in", "GET", "/login")
    while login is not None and not stop.is_set():
        started = time.perf_counter()
        try:
            form = [("csrf", token(login)), ("email", email), ("password", PASSWORD)]
            status, headers, page = await asyncio.wait_for(connection.request("POST", "/login", form), 60)
        except Exception as problem:
            tally.add("sign-in", time.perf_counter() - started, type(problem).__name__)
            return
        if status == 503 and "retry-after" in headers:
            tally.asked_to_wait += 1
            login = page
            await asyncio.sleep(int(headers["retry-after"]) * random.uniform(1, 1.5))
            continue
        tally.add("sign-in", time.perf_counter() - started, None if status == 303 else f"HTTP {status}")
        if status != 303:
            return
        break
    else:
        return
    signed_in.append(email)
    while not stop.is_set():
        await pause()
        if await step("dashboard", "GET", "/dashboard") is None:
            continue
        await pause()
        unit = await step("unit", "GET", f"/modules/{MODULE}")
        if unit is None:
            continue
        if "/read" in unit:
            await pause()
            await step("read", "POST", f"/modules/{MODULE}/read", [("csrf", token(unit))], expect=(303,))
        check = await step("check", "GET", f"/modules/{MODULE}/check")
        if check is None:
            continue
        await pause()
        if await step("answers", "POST", f"/modules/{MODULE}/check", random_answers(check), expect=(303,)) is None:
            continue
        acknowledged[email] += 1
        await step("result", "GET", f"/modules/{MODULE}/result")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def bare_floor(port, seconds=10, connections=32):
    """The bare Hummingbird route's requests in a few seconds, to price the server's CPU against."""
    done = 0
    deadline = time.time() + seconds

    async def loop():
        nonlocal done
        connection = Connection("127.0.0.1", port, "127.0.0.1")
        while time.time() < deadline:
            await connection.request("GET", "/")
            done += 1

    await asyncio.gather(*(loop() for _ in range(connections)))
    return done


def attempts_found(database, emails):
    """Each trainee's attempts at the benchmark's check, as the database holds them."""
    db = sqlite3.connect(database)
    rows = db.execute("""SELECT p.email, COUNT(e.sequence) FROM people p
                         LEFT JOIN events e ON e.trainee_id = p.id AND e.kind = 'assessment-attempted' AND e.body = ?
                         WHERE p.email LIKE 'quiz%@bench.invalid' GROUP BY p.email""", (MODULE,)).fetchall()
    db.close()
    found = dict(rows)
    return {email: found.get(email, 0) for email in emails}


async def kill_and_restart(server):
    """SIGKILL, as a power cut or the OOM killer would, then the same server again."""
    before = cpu_seconds(server.process.pid)
    server.process.kill()
    server.process.wait()
    killed_at = time.time()
    server.start()
    await asyncio.get_running_loop().run_in_executor(None, wait_for, f"http://127.0.0.1:{server.port}/healthz")
    return before, time.time() - killed_at


async def run(args, server, bare_port, bare_pid, emails):
    base_port = server.port
    think = tuple(float(x) for x in args.think.split("-"))
    tally, stop, signed_in, acknowledged = Tally(), asyncio.Event(), [], Counter()
    connections = [Connection("127.0.0.1", base_port, f"127.0.0.{1 + i % 8}") for i in range(len(emails))]
    tasks = []
    ramp_started = time.time()
    for index, (email, connection) in enumerate(zip(emails, connections)):
        tasks.append(asyncio.create_task(trainee(email, connection, tally, think, stop, signed_in, acknowledged)))
        await asyncio.sleep(max(0.0, ramp_started + args.ramp * (index + 1) / len(emails) - time.time()))
    # Until everyone who can has signed in (bcrypt queues them), then the steady phase.
    while len(signed_in) < len(emails) and time.time() < ramp_started + args.ramp + args.sign_in_wait:
        await asyncio.sleep(1)
    ramp_seconds = time.time() - ramp_started
    tally.counting = True
    server_cpu, own = cpu_seconds(server.process.pid), resource.getrusage(resource.RUSAGE_SELF)
    killed_cpu, down_seconds, errors_before_kill = 0.0, None, 0
    started = time.time()
    while time.time() < started + args.steady and (not args.max_requests or tally.requests < args.max_requests):
        if args.kill_at and down_seconds is None and time.time() >= started + args.kill_at:
            errors_before_kill = sum(tally.errors.values())
            killed_cpu, down_seconds = await kill_and_restart(server)
            killed_cpu -= server_cpu
            server_cpu = 0.0
        await asyncio.sleep(0.5)
    elapsed = time.time() - started
    tally.counting = False
    server_used = killed_cpu + cpu_seconds(server.process.pid) - server_cpu
    server_pid = server.process.pid
    after = resource.getrusage(resource.RUSAGE_SELF)
    own_used = after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime
    rss = rss_mb(server_pid)
    open_connections = sum(1 for c in connections if c.writer is not None and not c.writer.is_closing())
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    bare_cpu = cpu_seconds(bare_pid)
    bare_requests = await bare_floor(bare_port)
    bare_per_request = (cpu_seconds(bare_pid) - bare_cpu) * 1e6 / max(bare_requests, 1)

    per_request = server_used * 1e6 / max(tally.requests, 1)
    print(f"quiz day: {len(emails)} trainees ({len(signed_in)} signed in, {ramp_seconds:.0f} s ramp), think {args.think} s, "
          f"{elapsed:.0f} s steady, {os.cpu_count()} cores, {'cost-4 hashes (--fast-sign-in)' if args.fast_sign_in else 'bcrypt cost 12'}")
    print(f"connections open at the end of the steady phase: {open_connections}; "
          f"sign-ins asked to come back in a moment (503, Retry-After): {tally.asked_to_wait}")
    print(f"requests {tally.requests}, {tally.requests / elapsed:.1f}/s; errors {sum(tally.errors.values())}")
    print(f"{'step':12}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for name in STEPS:
        values = tally.latencies.get(name, [])
        if values:
            print(f"{name:12}{len(values):8d}{percentile(values, 0.5):9.1f}{percentile(values, 0.95):9.1f}"
                  f"{percentile(values, 0.99):9.1f}{max(values):9.1f}")
    for kind, count in tally.errors.most_common():
        print(f"  error {kind}: {count}")
    print(f"server CPU {per_request:.0f} us per request; bare route {bare_per_request:.0f} us per request "
          f"({per_request / max(bare_per_request, 1):.1f}x); server RSS {rss:.0f} MB")
    print(f"load generator CPU {own_used:.1f} s over the steady phase ({own_used / elapsed:.0%} of one core)")
    if down_seconds is not None:
        found = attempts_found(server.database, emails)
        missing = {email: acknowledged[email] - found[email] for email in emails if acknowledged[email] > found[email]}
        print(f"killed with SIGKILL {args.kill_at:.0f} s into the steady phase; answering again after {down_seconds:.1f} s; "
              f"{sum(tally.errors.values()) - errors_before_kill} errors from then on (requests cut off by the kill among them)")
        print(f"answers acknowledged (303) {sum(acknowledged.values())}, found in the database {sum(found.values())}; "
              f"acknowledged but missing: {sum(missing.values())}")
        if sum(found.values()) > sum(acknowledged.values()):
            print("  (found more than acknowledged: stored, then cut off by the kill before the 303 reached the trainee)")
        for email, count in sorted(missing.items()):
            print(f"  missing: {email}: {count}")


class Server:
    """`waymark serve` on one data folder and port, which can be started again after a kill."""

    def __init__(self, waymark, env, port, max_connections, database):
        self.waymark, self.env, self.port, self.max_connections, self.database = waymark, env, port, max_connections, database
        self.process = None

    def start(self):
        self.process = subprocess.Popen([self.waymark, "serve", "--port", str(self.port), "--log-level", "warning",
                                         "--max-connections", str(self.max_connections)], cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trainees", type=int, default=400)
    parser.add_argument("--think", default="30-90", help="seconds between pages, as LOW-HIGH")
    parser.add_argument("--ramp", type=float, default=60, help="seconds over which trainees start")
    parser.add_argument("--sign-in-wait", type=float, default=1800, help="longest wait after the ramp for sign-ins to finish")
    parser.add_argument("--steady", type=float, default=300, help="seconds of the measured steady phase")
    parser.add_argument("--max-requests", type=int, default=0, help="end the steady phase after this many requests")
    parser.add_argument("--fast-sign-in", action="store_true", help="store cost-4 password hashes (needs Python's bcrypt)")
    parser.add_argument("--kill-at", type=float, default=0, help="SIGKILL the server this many seconds into the steady phase, "
                        "restart it, and count acknowledged answers against the database")
    parser.add_argument("--binary", help="this waymark binary instead of a release build")
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.trainees + 100 > hard:
        sys.exit(f"the file limit is {hard}; raise it (ulimit -Hn) for {args.trainees} connections")
    if args.binary:
        waymark, bare_server = args.binary, os.path.join(os.path.dirname(args.binary), "waymark-bare-server")
    else:
        for product in ["waymark", "waymark-bare-server"]:
            subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout.strip()
        waymark, bare_server = os.path.join(bin_path, "waymark"), os.path.join(bin_path, "waymark-bare-server")
    if not os.path.exists(bare_server):
        subprocess.run(["swift", "build", "--product", "waymark-bare-server"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory(prefix="waymark-quiz-day-") as data:
        env = dict(os.environ, WAYMARK_DATA=data)
        subprocess.run([waymark, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        emails = add_trainees(os.path.join(data, "waymark.sqlite"), args.trainees, password_hash(waymark, env, args.fast_sign_in))
        server = Server(waymark, env, free_port(), args.trainees + 100, os.path.join(data, "waymark.sqlite"))
        bare_port = free_port()
        server.start()
        bare = subprocess.Popen([bare_server, str(bare_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{server.port}/healthz")
            wait_for(f"http://127.0.0.1:{bare_port}/")
            asyncio.run(run(args, server, bare_port, bare.pid, emails))
        finally:
            server.process.terminate()
            bare.terminate()
            server.process.wait(timeout=30)
            bare.wait(timeout=30)


if __name__ == "__main__":
    main()
