#!/usr/bin/env python3
"""Quiz day: many trainees at once, each reading a unit and taking its check, the way Moodle's
published load test measures a quiz (think time between pages, one browser connection each).

    python3 Benchmarks/quiz_day.py [--trainees 400] [--think 30-90] [--ramp 60] [--steady 300]
                                   [--max-requests N] [--fast-sign-in] [--kill-at S] [--binary PATH]
                                   [--database postgres://... [--servers 2]] [--storm N] [--idle N]
                                   [--generators K]

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

--database runs it on PostgreSQL (a database of its own on that server, made fresh and dropped at
the end; trainees are added with `psql`), and --servers K starts K servers on it, the trainees
spread across their ports. --storm N adds N more trainees who all sign in at once a third of the
way into the steady phase: their sign-ins per second are reported against what bcrypt can do on
the server's password lanes with nothing else running (waymark-bcrypt-floor, measured in the same
run before the servers start), beside the other trainees' page times during the storm. --idle N
(default 1,000) opens N keep-alive connections that each send one request and then wait, before
the trainees start, to report the server's memory per idle connection; memory per signed-in
trainee is reported from the ramp.

Sign-ins check bcrypt at cost 12 (about 6 a second on this machine's two cores), so 1,000
trainees take minutes to sign in; --fast-sign-in stores a cost-4 hash instead (needs Python's
`bcrypt`), and the report says so. Trainees connect 25 to a loopback address (127.2.x.y), as
classrooms would, so that ports do not run out; the file limit is raised to its hard limit for
this process and the server. A process can hold no more connections than that limit: where it
is lower than N (this machine's is 20,000, and a container may not raise it), --generators K
shares the trainees among K load-generator processes and --servers K (PostgreSQL) among K
servers; the report adds up all the processes' figures.
"""
import argparse
import asyncio
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import cpu_seconds, free_port, wait_for  # noqa: E402
from quiz_client import Connection, random_answers, token  # noqa: E402
from quiz_record import PostgresRecord, SQLiteRecord, add_trainees, attempts_found, password_hash  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "quiz day password 2026"
MODULE = "role"  # open to applicants, with no limit on tries: a trainee can loop for ever
STEPS = ["sign-in", "dashboard", "unit", "read", "check", "answers", "result", "storm sign-in"]
PAGES = {"dashboard", "unit", "read", "check", "answers", "result"}


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Tally:
    def __init__(self):
        self.latencies = defaultdict(list)
        # (when it started, step, milliseconds) of every counted request: the storm's window.
        self.samples = []
        self.errors = Counter()
        self.counting = False
        self.requests = 0
        # Sign-ins answered "busy, come back in a moment" (503 with Retry-After), all phases.
        self.asked_to_wait = 0
        # Sign-ins that failed, by kind, in every phase (the ramp's are not among `errors`).
        self.sign_in_failures = Counter()
        # Trainees whose sign-in failed: they stop there, so the ramp does not wait for them.
        self.gave_up = 0

    def add(self, step, seconds, problem=None):
        if not self.counting:
            return
        self.requests += 1
        self.latencies[step].append(seconds * 1000)
        self.samples.append((time.time() - seconds, step, seconds * 1000))
        if problem:
            self.errors[f"{step}: {problem}"] += 1

    def merge(self, other):
        """Adds another load-generator process's counts to these."""
        for step, values in other.latencies.items():
            self.latencies[step].extend(values)
        self.samples.extend(other.samples)
        self.errors.update(other.errors)
        self.requests += other.requests
        self.asked_to_wait += other.asked_to_wait
        self.sign_in_failures.update(other.sign_in_failures)


async def sign_in(email, connection, tally, stop, name="sign-in"):
    """True once signed in. A sign-in that finds bcrypt's queue full is asked to come back (503,
    Retry-After): a person would wait and press the button again, so the virtual trainee does too."""
    started = time.perf_counter()
    try:
        status, _, login = await asyncio.wait_for(connection.request("GET", "/login"), 30)
    except Exception as problem:
        tally.add(name, time.perf_counter() - started, type(problem).__name__)
        tally.sign_in_failures[f"{name}: GET /login: {type(problem).__name__}"] += 1
        return False
    while not stop.is_set():
        started = time.perf_counter()
        try:
            form = [("csrf", token(login)), ("email", email), ("password", PASSWORD)]
            status, headers, page = await asyncio.wait_for(connection.request("POST", "/login", form), 60)
        except Exception as problem:
            tally.add(name, time.perf_counter() - started, type(problem).__name__)
            tally.sign_in_failures[f"{name}: {type(problem).__name__}"] += 1
            return False
        if status == 503 and "retry-after" in headers:
            tally.asked_to_wait += 1
            login = page
            await asyncio.sleep(int(headers["retry-after"]) * random.uniform(1, 1.5))
            continue
        tally.add(name, time.perf_counter() - started, None if status == 303 else f"HTTP {status}")
        if status != 303:
            tally.sign_in_failures[f"{name}: HTTP {status}"] += 1
        return status == 303
    return False


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

    if not await sign_in(email, connection, tally, stop):
        tally.gave_up += 1
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


async def storm_trainee(email, connection, tally, stop, done_at):
    if await sign_in(email, connection, tally, stop, name="storm sign-in"):
        done_at.append(time.time())


async def start_trainees(emails, connections, ramp, tally, think, stop, signed_in, acknowledged):
    """One task per trainee, their starts spread evenly over `ramp` seconds."""
    tasks = []
    started = time.time()
    for index, (email, connection) in enumerate(zip(emails, connections)):
        tasks.append(asyncio.create_task(trainee(email, connection, tally, think, stop, signed_in, acknowledged)))
        await asyncio.sleep(max(0.0, started + ramp * (index + 1) / len(emails) - time.time()))
    return tasks


async def stop_trainees(connections, stop, tasks):
    """Stops every trainee; returns how many of their connections were still open."""
    still_open = sum(1 for c in connections if c.writer is not None and not c.writer.is_closing())
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return still_open


class Generator:
    """A load-generator process of its own for a share of the trainees: one process can hold only
    as many connections as its file limit allows. It follows the phases `run` sets in `phase`
    (0 ramp, 1 steady, 2 done), keeps `signed_in` up to date, and at the end sends its tally."""

    def __init__(self, context, emails, first, step, ports, think, ramp):
        self.phase, self.signed_in, self.gave_up = context.Value("i", 0), context.Value("i", 0), context.Value("i", 0)
        self.results = context.Queue()
        self.process = context.Process(target=generator_main, daemon=True,
                                       args=(emails, first, step, ports, think, ramp, self.phase, self.signed_in, self.gave_up, self.results))

    def result(self):
        return self.results.get(timeout=120)


def generator_main(emails, first, step, ports, think, ramp, phase, signed_count, gave_up, results):
    # The file limit `main` raised is inherited.
    asyncio.run(generator(emails, first, step, ports, think, ramp, phase, signed_count, gave_up, results))


TRAINEES_PER_ADDRESS = 25


def trainee_address(number):
    """Trainees come 25 to an address (127.2.x.y; all of 127/8 is loopback on Linux), like a
    classroom behind one network: a real quiz day comes from many places, and the per-address
    sign-in limit is for one place guessing, not for thousands on a handful of addresses."""
    group = number // TRAINEES_PER_ADDRESS
    return f"127.2.{group // 250}.{1 + group % 250}"


def trainee_connections(count, first, step, ports):
    """Trainee `first + i * step` of them all talks to server (that number mod servers), from
    the address of its classroom (`trainee_address`)."""
    return [Connection("127.0.0.1", ports[(first + i * step) % len(ports)], trainee_address(first + i * step))
            for i in range(count)]


async def generator(emails, first, step, ports, think, ramp, phase, signed_count, gave_up, results):
    tally, stop, signed_in, acknowledged = Tally(), asyncio.Event(), [], Counter()
    connections = trainee_connections(len(emails), first, step, ports)
    tasks = await start_trainees(emails, connections, ramp, tally, think, stop, signed_in, acknowledged)
    while phase.value == 0:
        signed_count.value, gave_up.value = len(signed_in), tally.gave_up
        await asyncio.sleep(0.2)
    tally.counting = True
    own = resource.getrusage(resource.RUSAGE_SELF)
    while phase.value == 1:
        await asyncio.sleep(0.1)
    tally.counting = False
    after = resource.getrusage(resource.RUSAGE_SELF)
    open_connections = await stop_trainees(connections, stop, tasks)
    results.put({"tally": tally, "acknowledged": acknowledged, "open": open_connections,
                 "cpu": after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime})


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


async def idle_memory(server, count):
    """The server's RSS per keep-alive connection that sent one request and now waits."""
    before = rss_mb(server.process.pid)
    connections = [Connection("127.0.0.1", server.port, f"127.0.0.{1 + i % 8}") for i in range(count)]
    for start in range(0, count, 200):
        await asyncio.gather(*(c.request("GET", "/healthz") for c in connections[start:start + 200]))
    await asyncio.sleep(2)
    after = rss_mb(server.process.pid)
    for connection in connections:
        connection.writer.close()
    await asyncio.sleep(1)
    return (after - before) * 1024 / count


async def kill_and_restart(server):
    """SIGKILL, as a power cut or the OOM killer would, then the same server again."""
    before = cpu_seconds(server.process.pid)
    server.process.kill()
    server.process.wait()
    killed_at = time.time()
    server.start()
    await asyncio.get_running_loop().run_in_executor(None, wait_for, f"http://127.0.0.1:{server.port}/healthz")
    return before, time.time() - killed_at


def servers_cpu(servers):
    return sum(cpu_seconds(server.process.pid) for server in servers)


def servers_rss(servers):
    return sum(rss_mb(server.process.pid) for server in servers)


async def run(args, servers, bare_port, bare_pid, emails, storm_emails, bcrypt_floor):
    think = tuple(float(x) for x in args.think.split("-"))
    tally, stop, signed_in, acknowledged = Tally(), asyncio.Event(), [], Counter()
    idle_kb = await idle_memory(servers[0], args.idle) if args.idle else None
    rss_before = servers_rss(servers)
    # The first share of the trainees runs here; each further --generators process runs one more.
    shares = [emails[i::args.generators] for i in range(args.generators)]
    context = multiprocessing.get_context("spawn")
    ports = [server.port for server in servers]
    generators = [Generator(context, share, i, args.generators, ports, think, args.ramp) for i, share in enumerate(shares[1:], start=1)]
    for generator_process in generators:
        generator_process.process.start()
    mine = shares[0]
    connections = trainee_connections(len(mine), 0, args.generators, ports)
    ramp_started = time.time()
    tasks = await start_trainees(mine, connections, args.ramp, tally, think, stop, signed_in, acknowledged)

    def everyone_signed_in():
        return len(signed_in) + sum(g.signed_in.value for g in generators)

    def gave_up():
        return tally.gave_up + sum(g.gave_up.value for g in generators)

    # Until everyone who can has signed in (bcrypt queues them), then the steady phase.
    while everyone_signed_in() + gave_up() < len(emails) and time.time() < ramp_started + args.ramp + args.sign_in_wait:
        await asyncio.sleep(1)
    ramp_seconds = time.time() - ramp_started
    signed_in_count = everyone_signed_in()
    per_trainee_kb = (servers_rss(servers) - rss_before) * 1024 / max(signed_in_count, 1)
    tally.counting = True
    for generator_process in generators:
        generator_process.phase.value = 1
    server_cpu, own = servers_cpu(servers), resource.getrusage(resource.RUSAGE_SELF)
    killed_cpu, down_seconds, errors_before_kill = 0.0, None, 0
    storm_started, storm_done = None, []
    started = time.time()
    while time.time() < started + args.steady and (not args.max_requests or tally.requests < args.max_requests):
        if args.kill_at and down_seconds is None and time.time() >= started + args.kill_at:
            errors_before_kill = sum(tally.errors.values())
            killed_cpu, down_seconds = await kill_and_restart(servers[0])
            killed_cpu -= server_cpu
            server_cpu = 0.0
        if storm_emails and storm_started is None and time.time() >= started + args.steady / 3:
            storm_started = time.time()
            for index, email in enumerate(storm_emails):
                # Each from a loopback address of its own (all of 127/8 is loopback on Linux), as
                # people signing in from their own phones would: the per-address sign-in limit is
                # for one place guessing, not for a crowd.
                source = f"127.1.{1 + index // 250}.{1 + index % 250}"
                connection = Connection("127.0.0.1", servers[index % len(servers)].port, source)
                tasks.append(asyncio.create_task(storm_trainee(email, connection, tally, stop, storm_done)))
        await asyncio.sleep(0.5)
    elapsed = time.time() - started
    tally.counting = False
    for generator_process in generators:
        generator_process.phase.value = 2
    server_used = killed_cpu + servers_cpu(servers) - server_cpu
    after = resource.getrusage(resource.RUSAGE_SELF)
    own_used = after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime
    rss = servers_rss(servers)
    open_connections = await stop_trainees(connections, stop, tasks)
    for generator_process in generators:
        share = await asyncio.get_running_loop().run_in_executor(None, generator_process.result)
        tally.merge(share["tally"])
        acknowledged.update(share["acknowledged"])
        open_connections += share["open"]
        own_used += share["cpu"]
        generator_process.process.join(timeout=30)

    bare_cpu = cpu_seconds(bare_pid)
    bare_requests = await bare_floor(bare_port)
    bare_per_request = (cpu_seconds(bare_pid) - bare_cpu) * 1e6 / max(bare_requests, 1)

    store = f"PostgreSQL, {len(servers)} server{'s' if len(servers) > 1 else ''}" if args.database else "SQLite, 1 server"
    per_request = server_used * 1e6 / max(tally.requests, 1)
    print(f"quiz day on {store}: {len(emails)} trainees ({signed_in_count} signed in, {ramp_seconds:.0f} s ramp), think {args.think} s, "
          f"{elapsed:.0f} s steady, {os.cpu_count()} cores, {'cost-4 hashes (--fast-sign-in)' if args.fast_sign_in else 'bcrypt cost 12'}")
    print(f"connections open at the end of the steady phase: {open_connections}; "
          f"sign-ins asked to come back in a moment (503, Retry-After): {tally.asked_to_wait}")
    print(f"requests {tally.requests}, {tally.requests / elapsed:.1f}/s; errors {sum(tally.errors.values())}")
    if tally.sign_in_failures:
        print(f"sign-ins that failed, in every phase (a trainee whose sign-in failed stops): {sum(tally.sign_in_failures.values())}")
        for kind, count in tally.sign_in_failures.most_common():
            print(f"  {kind}: {count}")
    print(f"{'step':14}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for name in STEPS:
        values = tally.latencies.get(name, [])
        if values:
            print(f"{name:14}{len(values):8d}{percentile(values, 0.5):9.1f}{percentile(values, 0.95):9.1f}"
                  f"{percentile(values, 0.99):9.1f}{max(values):9.1f}")
    for kind, count in tally.errors.most_common():
        print(f"  error {kind}: {count}")
    print(f"server CPU {per_request:.0f} us per request; bare route {bare_per_request:.0f} us per request "
          f"({per_request / max(bare_per_request, 1):.1f}x); server RSS {rss:.0f} MB")
    if idle_kb is not None:
        print(f"memory: {idle_kb:.1f} KB of server RSS per idle keep-alive connection ({args.idle} opened)")
    print(f"memory: {per_trainee_kb:.1f} KB of server RSS per signed-in trainee (RSS growth over the ramp / trainees signed in)")
    print(f"load generator CPU {own_used:.1f} s over the steady phase ({own_used / elapsed:.0%} of one core), "
          f"{args.generators} process{'es' if args.generators > 1 else ''}")
    if storm_started is not None:
        storm_end = max(storm_done) if storm_done else time.time()
        rate = len(storm_done) / max(storm_end - storm_started, 1e-9)
        during = [ms for at, step, ms in tally.samples if step in PAGES and storm_started <= at <= storm_end]
        print(f"sign-in storm: {len(storm_done)} of {len(storm_emails)} signed in over {storm_end - storm_started:.0f} s, "
              f"{rate:.2f}/s; bcrypt floor {bcrypt_floor:.2f}/s on the server's password lanes ({rate / max(bcrypt_floor, 1e-9):.0%}); "
              f"other trainees' pages meanwhile: {len(during)}, p95 {percentile(during, 0.95):.1f} ms, max {max(during, default=0):.1f} ms")
    if down_seconds is not None:
        found = attempts_found(servers[0].record, emails, MODULE)
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
    """`waymark serve` on one record and port, which can be started again after a kill."""

    def __init__(self, waymark, env, port, max_connections, record, idle_seconds):
        self.waymark, self.env, self.port, self.max_connections, self.record = waymark, env, port, max_connections, record
        self.idle_seconds = idle_seconds
        self.process = None

    def start(self):
        # Connections kept open through the longest think time, as the browser keeps them.
        self.process = subprocess.Popen([self.waymark, "serve", "--port", str(self.port), "--log-level", "warning",
                                         "--max-connections", str(self.max_connections),
                                         "--connection-idle-seconds", str(self.idle_seconds)], cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def release_binaries(args):
    products = ["waymark", "waymark-bare-server", "waymark-bcrypt-floor"]
    if args.binary:
        return [args.binary] + [os.path.join(os.path.dirname(args.binary), product) for product in products[1:]]
    for product in products:
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return [os.path.join(bin_path, product) for product in products]


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
    parser.add_argument("--database", help="a PostgreSQL server's URL (postgres://user@host:port/any) instead of SQLite")
    parser.add_argument("--servers", type=int, default=1, help="Waymark servers on the one PostgreSQL database")
    parser.add_argument("--storm", type=int, default=0, help="this many more trainees all sign in at once mid-run")
    parser.add_argument("--generators", type=int, default=1,
                        help="load-generator processes, the trainees shared among them: a process holds only as many "
                             "connections as its file limit allows")
    parser.add_argument("--idle", type=int, default=1000, help="idle keep-alive connections opened to measure memory (0: none)")
    args = parser.parse_args()
    if args.servers > 1 and not args.database:
        sys.exit("--servers needs --database: several servers share one PostgreSQL database")

    if args.generators < 1:
        sys.exit("--generators must be at least 1")
    # What one load-generator process holds, and what one server holds.
    connections = -(-args.trainees // args.generators) + args.storm + args.idle + 100
    per_server = -(-args.trainees // args.servers) + args.storm + args.idle + 100
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if connections > hard:
        sys.exit(f"the file limit is {hard}; raise it (ulimit -Hn) or share the trainees over more --generators "
                 f"for {connections} connections in one process")
    if per_server > hard:
        sys.exit(f"the file limit is {hard}; raise it (ulimit -Hn) or use more --servers for {per_server} connections on one server")
    waymark, bare_server, bcrypt_floor_binary = release_binaries(args)

    with tempfile.TemporaryDirectory(prefix="waymark-quiz-day-") as data:
        record = PostgresRecord(args.database) if args.database else SQLiteRecord(data)
        env = dict(os.environ, WAYMARK_DATA=data, **record.env)
        servers = []
        bare = None
        try:
            subprocess.run([waymark, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
            hashed = password_hash(record, waymark, env, PASSWORD, args.fast_sign_in)
            emails = add_trainees(record, args.trainees, hashed)
            storm_emails = add_trainees(record, args.storm, hashed, first=args.trainees) if args.storm else []
            bcrypt_floor = 0.0
            if args.storm:  # before the servers start: bcrypt alone on as many lanes as a server gives it
                lanes = args.servers * max(1, (os.cpu_count() or 2) - 1)
                out = subprocess.run([bcrypt_floor_binary, str(lanes), "10", "4" if args.fast_sign_in else "12"],
                                     check=True, capture_output=True, text=True).stdout
                bcrypt_floor = float(out.split("per_second")[1])
            longest_think = float(args.think.split("-")[-1])
            servers = [Server(waymark, env, free_port(), per_server, record, int(longest_think) + 30) for _ in range(args.servers)]
            for server in servers:
                server.start()
            bare_port = free_port()
            bare = subprocess.Popen([bare_server, str(bare_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for server in servers:
                wait_for(f"http://127.0.0.1:{server.port}/healthz")
            wait_for(f"http://127.0.0.1:{bare_port}/")
            asyncio.run(run(args, servers, bare_port, bare.pid, emails, storm_emails, bcrypt_floor))
        finally:
            for process in [server.process for server in servers if server.process] + ([bare] if bare else []):
                process.terminate()
                process.wait(timeout=30)
            record.drop()


if __name__ == "__main__":
    main()
