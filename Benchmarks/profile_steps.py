#!/usr/bin/env python3
"""CPU per request for each step of quiz day, one step at a time, against the bare route, and
where a step spends it.

    python3 Benchmarks/profile_steps.py [--trainees 60] [--loops 5] [--binary PATH] [--perf answers] [--keep DIR]

Runs `waymark serve` (release build) and the bare Hummingbird route, signs --trainees trainees
in (uncounted), each on a kept-open connection, and goes round the steps --loops times, each
step sent once for every trainee in turn, reading the server's CPU time from /proc before and
after each step's round:

    dashboard -> unit -> check -> answers sent -> result        and the bare route's GET /

so that no trainee has more tries at the check than a person would on quiz day. It prints microseconds of server CPU per request per
step and each as a multiple of the bare route's. With --perf STEP, `perf record` (software clock
samples: this machine's VM has no hardware counters, and valgrind 3.19 stops on Swift 6.3
binaries) samples the server while that step runs, and the functions it spent most in are listed
(self and with children); the perf data is kept with --keep DIR. A benchmark reports; it does not
pass or fail.
"""
import argparse
import asyncio
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import cpu_seconds, free_port, wait_for  # noqa: E402
from quiz_client import Connection, random_answers, token  # noqa: E402
from quiz_day import MODULE, PASSWORD, ROOT, release_binaries  # noqa: E402
from quiz_record import SQLiteRecord, add_trainees, password_hash  # noqa: E402

STEPS = ["dashboard", "unit", "check", "answers", "result"]


async def measure(args, server, bare, port, bare_port, emails, perf_file):
    """Each step in turn, spread over the trainees, so that each has no more tries at the check
    than a person on quiz day would (a trainee with hundreds of tries reads more)."""
    trainees = []
    for email in emails:
        connection = Connection("127.0.0.1", port, "127.0.0.1")
        login = (await connection.request("GET", "/login"))[2]
        status, _, _ = await connection.request("POST", "/login", [("csrf", token(login)), ("email", email), ("password", PASSWORD)])
        if status != 303:
            sys.exit(f"sign-in answered {status}")
        unit = (await connection.request("GET", f"/modules/{MODULE}"))[2]
        if "/read" in unit:
            await connection.request("POST", f"/modules/{MODULE}/read", [("csrf", token(unit))])
        trainees.append(connection)
    paths = {"dashboard": "/dashboard", "unit": f"/modules/{MODULE}", "check": f"/modules/{MODULE}/check",
             "result": f"/modules/{MODULE}/result"}
    forms = {}

    async def send(step, index):
        trainee = trainees[index % len(trainees)]
        if step != "answers":
            status, _, page = await trainee.request("GET", paths[step])
            if step == "check":
                forms[index % len(trainees)] = random_answers(page)
            expected = 200
        else:
            status, _, _ = await trainee.request("POST", f"/modules/{MODULE}/check", forms[index % len(trainees)])
            expected = 303
        if status != expected:
            sys.exit(f"{step} answered {status}")

    async def cpu_per_request(pid, step_send, step, count):
        profiler = None
        if args.perf == step:
            # The whole machine, reported for the server's pid alone: `-p` samples only the
            # threads that exist when it starts, and GRDB's and Dispatch's come and go.
            profiler = subprocess.Popen(["perf", "record", "-a", "-F", "2000", "-e", "cpu-clock", "-g", "-o", perf_file],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            await asyncio.sleep(1)
        before = cpu_seconds(pid)
        for index in range(count):
            await step_send(step, index)
        used = cpu_seconds(pid) - before
        if profiler:
            profiler.send_signal(2)
            profiler.wait(timeout=60)
        return used * 1e6 / count, count

    results = {step: [0.0, 0] for step in STEPS}
    for loop in range(args.loops):
        for step in STEPS:  # answers after check: each send uses the form its check page gave
            per_request, count = await cpu_per_request(server.pid, send, step, len(trainees))
            results[step][0] += per_request * count
            results[step][1] += count
    totals = {step: spent / max(count, 1) for step, (spent, count) in results.items()}
    plain = Connection("127.0.0.1", bare_port, "127.0.0.1")

    async def bare_send(_step, _index):
        await plain.request("GET", "/")

    for _ in range(20):
        await bare_send(None, 0)
    totals["bare route"], _ = await cpu_per_request(bare.pid, bare_send, "bare", len(trainees) * args.loops)
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trainees", type=int, default=60, help="trainees the requests are spread over")
    parser.add_argument("--loops", type=int, default=5, help="times each trainee goes round the steps")
    parser.add_argument("--binary", help="this waymark binary instead of a release build")
    parser.add_argument("--perf", choices=STEPS, help="sample where this step spends its time, with perf")
    parser.add_argument("--keep", help="keep the perf data in this folder")
    args = parser.parse_args()
    waymark, bare_server, _ = release_binaries(args)

    with tempfile.TemporaryDirectory(prefix="waymark-profile-") as data:
        out_dir = args.keep or data
        os.makedirs(out_dir, exist_ok=True)
        perf_file = os.path.join(out_dir, f"perf-{args.perf}.data")
        env = dict(os.environ, WAYMARK_DATA=data)
        subprocess.run([waymark, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        record = SQLiteRecord(data)
        # Cost-4 hash: sign-in is not what is measured here.
        emails = add_trainees(record, args.trainees, password_hash(record, waymark, env, PASSWORD, True))
        port, bare_port = free_port(), free_port()
        server = subprocess.Popen([waymark, "serve", "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        bare = subprocess.Popen([bare_server, str(bare_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz")
            wait_for(f"http://127.0.0.1:{bare_port}/")
            results = asyncio.run(measure(args, server, bare, port, bare_port, emails, perf_file))
            server_pid = server.pid
        finally:
            server.terminate()
            bare.terminate()
            server.wait(timeout=60)
            bare.wait(timeout=60)

        floor = results["bare route"]
        print(f"server CPU per request: {args.trainees} trainees, each {args.loops} times round, one request at a time")
        print(f"{'step':12}{'us':>10}{'x bare':>9}")
        for step, per_request in results.items():
            print(f"{step:12}{per_request:10.0f}{per_request / max(floor, 1e-9):9.1f}")
        if args.perf:
            for mode in (["--no-children"], ["--children"]):
                listing = subprocess.run(["perf", "report", "-i", perf_file, "--pid", str(server_pid), "--stdio", "--demangle",
                                          "-g", "none", "--percent-limit", "1.5", *mode], capture_output=True, text=True).stdout
                print(f"\nwhere '{args.perf}' spends its time ({'self' if mode == ['--no-children'] else 'with children'}):")
                rows = [line for line in listing.splitlines() if line.strip() and not line.startswith("#")]
                for line in rows[:40]:
                    print(line[:220])


if __name__ == "__main__":
    main()
