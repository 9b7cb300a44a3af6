#!/usr/bin/env python3
"""Load test of the web app against a bare Hummingbird route, in one run.

    python3 Benchmarks/load_web.py [--seconds 10] [--connections 64] [--cohort 10000] [--binary PATH]

Builds release binaries, makes a demo cohort plus `--cohort` extra trainees (written straight
into SQLite: this is benchmark tooling), starts `waymark serve` and `waymark-bare-server`, signs
in a demo trainee and the demo coordinator, and runs wrk against: the bare route (the floor), the
trainee dashboard, a unit page and the coordinator's cohort overview. Prints req/s, p50 and p99
for each and the ratio to the floor. A benchmark reports; it does not pass or fail.
Needs wrk (Debian package `wrk`).
"""
import argparse
import http.cookiejar
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import cpu_seconds, free_port, wait_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "benchmark password 1"




def sign_in(base, email):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf": token, "email": email, "password": PASSWORD}).encode()
    try:
        opener.open(base + "/login", data)
    except urllib.error.HTTPError as redirect:
        if redirect.code != 303:
            raise
    session = next((c.value for c in jar if c.name == "waymark_session"), None)
    if not session:
        sys.exit(f"could not sign in as {email}")
    return f"waymark_session={session}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def add_cohort(database, count):
    """Adds `count` trainees with summary rows, as the store would have written them."""
    db = sqlite3.connect(database)
    now = time.time()
    stages = ["applicant", "in-recruitment", "in-training", "in-practice", "eligible", "certified"]
    rows = []
    for index in range(count):
        person = str(uuid.uuid4())
        rows.append((person, f"Load Trainee {index:05d}", f"load{index}@bench.invalid", stages[index % len(stages)], now - index * 60))
    db.executemany("INSERT INTO people (id, name, email, roles, active, created_at) VALUES (?, ?, ?, 'trainee', 1, ?)",
                   [(r[0], r[1], r[2], now) for r in rows])
    db.executemany("INSERT INTO enrolments (trainee_id, programme_id, enrolled_at) VALUES (?, 'peer-mentoring', ?)", [(r[0], now) for r in rows])
    db.executemany("""INSERT INTO trainee_summaries (trainee_id, programme_id, stage, next_step, next_step_actor, last_activity,
                      supervision_due, certificate_valid_until, awaiting_review, last_sequence, name)
                      VALUES (?, 'peer-mentoring', ?, 'Read "Listening, caring and not judging"', 'trainee', ?, ?, NULL, 0, 0, ?)""",
                   [(r[0], r[3], r[4], r[4] + 40 * 86400, r[1]) for r in rows])
    db.commit()
    db.close()



def busy_seconds():
    """CPU time all processors have spent busy since boot (Linux /proc/stat)."""
    with open("/proc/stat") as stat:
        fields = [int(f) for f in stat.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # minus idle and iowait


def wrk(url, cookie, seconds, connections, pid=None):
    """req/s, p50 ms, p99 ms, errors, the server's CPU microseconds per request (it hardly moves
    when something else shares the machine, where req/s does) and the share of the machine other
    processes used meanwhile (a build running alongside shows here)."""
    started = cpu_seconds(pid) if pid else 0
    busy, children = busy_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    server = cpu_seconds(pid) - started if pid else 0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    others = max(0.0, busy_seconds() - busy - server - wrk_cpu) / (seconds * os.cpu_count())
    cpu = server * 1e6 / requests if pid and requests else 0
    return rps, latency("50"), latency("99"), int(non2xx.group(1)) if non2xx else 0, cpu, others


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--cohort", type=int, default=10000)
    parser.add_argument("--binary", help="measure this waymark binary (say, a copy built from an older commit) instead of building one")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    # With --binary, the bare route comes from beside it when it is there: nothing is built.
    beside = args.binary and os.path.join(os.path.dirname(args.binary), "waymark-bare-server")
    if beside and os.path.exists(beside):
        bare_server = beside
    else:
        products = ["waymark-bare-server"] + ([] if args.binary else ["waymark"])
        for product in products:
            subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                                  text=True).stdout.strip()
        bare_server = os.path.join(bin_path, "waymark-bare-server")
    waymark = args.binary or os.path.join(os.path.dirname(bare_server), "waymark")

    with tempfile.TemporaryDirectory(prefix="waymark-load-") as data:
        env = dict(os.environ, WAYMARK_DATA=data)
        subprocess.run([waymark, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        for email in ["dan.murphy@demo.waymark.invalid", "coordinator@demo.waymark.invalid"]:
            subprocess.run([waymark, "users", "set-password", "--email", email, "--password-stdin"], env=env, input=PASSWORD + "\n",
                           text=True, check=True, stdout=subprocess.DEVNULL)
        add_cohort(os.path.join(data, "waymark.sqlite"), args.cohort)

        port, bare_port = free_port(), free_port()
        server = subprocess.Popen([waymark, "serve", "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        bare = subprocess.Popen([bare_server, str(bare_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz")
            wait_for(f"http://127.0.0.1:{bare_port}/")
            trainee = sign_in(base, "dan.murphy@demo.waymark.invalid")
            coordinator = sign_in(base, "coordinator@demo.waymark.invalid")
            targets = [
                ("bare Hummingbird route (floor)", f"http://127.0.0.1:{bare_port}/", None, bare.pid),
                ("trainee dashboard", base + "/dashboard", trainee, server.pid),
                ("unit page", base + "/modules/role", trainee, server.pid),
                (f"cohort overview ({args.cohort + 16} trainees)", base + "/cohort?programme=peer-mentoring", coordinator, server.pid),
            ]
            for _, url, cookie, _ in targets:  # warm up
                wrk(url, cookie, 2, args.connections)
            results = [(name, *wrk(url, cookie, args.seconds, args.connections, pid)) for name, url, cookie, pid in targets]
            # The overview's own time, one request at a time (the target is per page, not under load).
            single = []
            for _ in range(50):
                request = urllib.request.Request(base + "/cohort?programme=peer-mentoring&page=57", headers={"Cookie": coordinator})
                started = time.perf_counter()
                urllib.request.urlopen(request).read()
                single.append((time.perf_counter() - started) * 1000)
            single.sort()
        finally:
            server.terminate()
            bare.terminate()
            server.wait(timeout=30)
            bare.wait(timeout=30)

    floor = results[0][1]
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s, release build, {os.cpu_count()} cores")
    print(f"{'':44}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'of floor':>10}{'errors':>8}{'CPU us/req':>12}{'others':>8}")
    for name, rps, p50, p99, errors, cpu, others in results:
        print(f"{name:44}{rps:10.0f}{p50:9.2f}{p99:9.2f}{rps / floor:9.0%} {errors:7d}{cpu:12.0f}{others:8.0%}")
    print("CPU us/req: the server's own CPU time per request; others: the machine's CPU used by other processes meanwhile")
    print(f"cohort overview, one request at a time: p50 {single[len(single) // 2]:.1f} ms, p99 {single[-1]:.1f} ms")
    print("targets: dashboard and unit page >= 25% of the floor's req/s with p99 < 25 ms; overview < 100 ms")


if __name__ == "__main__":
    main()
