#!/usr/bin/env python3
"""Times `waymark validate` against `xmllint --noout --schema` on the same large curriculum.

    python3 Benchmarks/validate_vs_xmllint.py [--runs 15] [--units 200]

xmllint is the floor: it parses each file with the same libxml2 and checks it against the same
schema, but builds no model and makes no cross-file checks. Waymark does all three.
Builds waymark in release mode first. Prints wall-clock and CPU time (median of the runs) for
both, and their ratios. A benchmark, not a test: it reports, it does not pass or fail.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command):
    before_cpu = cpu_of_children()
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    cpu = cpu_of_children() - before_cpu
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[:3])}... failed ({result.returncode}): {result.stderr.decode()[:2000]}")
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args()

    xmllint = shutil.which("xmllint")
    if not xmllint:
        sys.exit("xmllint is missing: apt-get install libxml2-utils")
    subprocess.run(["swift", "build", "-c", "release", "--product", "waymark"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    waymark = os.path.join(bin_path, "waymark")

    with tempfile.TemporaryDirectory(prefix="waymark-bench-") as folder:
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_curriculum.py"), folder,
                        "--units", str(args.units)], check=True)
        files = sorted(os.path.join(d, f) for d, _, names in os.walk(folder) for f in names if f.endswith(".xml"))
        size = sum(os.path.getsize(f) for f in files)
        summary = subprocess.run([waymark, "validate", folder], capture_output=True, text=True).stdout.strip().splitlines()[-1]
        print(f"curriculum: {len(files)} files, {size / 1e6:.1f} MB; waymark says: {summary}")

        floor_command = [xmllint, "--noout", "--nonet", "--schema", os.path.join(ROOT, "Schemas", "curriculum-1.xsd")] + files
        waymark_command = [waymark, "validate", folder]
        measure(floor_command), measure(waymark_command)  # warm the page cache
        floor, ours = [], []
        for _ in range(args.runs):  # interleaved so both see the same machine
            floor.append(measure(floor_command))
            ours.append(measure(waymark_command))

    def median(samples, index):
        return statistics.median(s[index] for s in samples)

    floor_wall, floor_cpu = median(floor, 0), median(floor, 1)
    our_wall, our_cpu = median(ours, 0), median(ours, 1)
    print(f"{'':28}{'wall (ms)':>12}{'cpu (ms)':>12}")
    print(f"{'xmllint --schema (floor)':28}{floor_wall * 1000:12.1f}{floor_cpu * 1000:12.1f}")
    print(f"{'waymark validate':28}{our_wall * 1000:12.1f}{our_cpu * 1000:12.1f}")
    print(f"{'ratio waymark / xmllint':28}{our_wall / floor_wall:12.2f}{our_cpu / floor_cpu:12.2f}")
    print(f"median of {args.runs} runs each, interleaved; target: wall ratio <= 1.5")


if __name__ == "__main__":
    main()
