#!/usr/bin/env python3
"""Writes the list of common passwords that Waymark refuses, from the list Django ships.

    python3 Scripts/update_common_passwords.py [--version 5.2.19]

Django (BSD 3-Clause licence) ships django/contrib/auth/common-passwords.txt.gz: about 20,000
common passwords, lowercased and without repeats, made by Royce Williams from breached password
lists. This fetches that Django release from PyPI with pip (no other network access), takes the
list out of the wheel and writes Sources/WaymarkPasswords/Resources/common-passwords.txt with
where it came from and its licence at the top. Run it again with another --version to refresh.
"""
import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "Sources", "WaymarkPasswords", "Resources", "common-passwords.txt")
MEMBER = "django/contrib/auth/common-passwords.txt.gz"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", default="5.2.19", help="the Django release to take the list from")
    version = parser.parse_args().version
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", f"django=={version}", "-d", folder],
            check=True,
        )
        wheels = [name for name in os.listdir(folder) if name.endswith(".whl")]
        if len(wheels) != 1:
            sys.exit(f"expected one Django wheel, found {wheels}")
        with zipfile.ZipFile(os.path.join(folder, wheels[0])) as wheel:
            text = gzip.decompress(wheel.read(MEMBER)).decode("utf-8")
            licences = [name for name in wheel.namelist() if name.endswith(".dist-info/licenses/LICENSE") or name.endswith(".dist-info/LICENSE")]
            if not licences:
                sys.exit("the Django wheel has no LICENSE file")
            licence = wheel.read(licences[0]).decode("utf-8")
    passwords = []
    seen = set()
    for line in text.split("\n"):
        word = line.strip().lower()
        if word and word not in seen:
            seen.add(word)
            passwords.append(word)
    if len(passwords) < 10_000:
        sys.exit(f"only {len(passwords)} passwords in Django {version}'s list; Waymark needs at least 10,000")
    header = [
        f"# {len(passwords)} common passwords that Waymark refuses, one a line, lowercased, after the first empty line.",
        f"# Source: {MEMBER} in Django {version} (its wheel on PyPI), a list made by Royce Williams",
        "# from breached password lists. Written by Scripts/update_common_passwords.py; do not edit by hand.",
        "# Licence: BSD 3-Clause. Django's LICENSE file, which covers this list, follows in full:",
        "#",
    ]
    header += [("# " + line).rstrip() for line in licence.strip().split("\n")]
    header.append("")
    with open(TARGET, "w", encoding="utf-8") as out:
        out.write("\n".join(header + passwords) + "\n")
    print(f"wrote {len(passwords)} passwords to {os.path.relpath(TARGET, ROOT)}")


if __name__ == "__main__":
    main()
