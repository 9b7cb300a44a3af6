"""Known server bugs from issues 13 and 14 that the suite meets today.

A test that meets one raises KnownBugStillPresent, and only that exception is expected by its
strict xfail: any other failure on the way is a real failure, and the day the bug is fixed the
test passes, turns red as XPASS, and tells us to remove the mark."""

import re
from dataclasses import dataclass

import pytest


class KnownBugStillPresent(AssertionError):
    pass


def known_bug(finding: str):
    return pytest.mark.xfail(strict=True, raises=KnownBugStillPresent, reason=finding)


def still_present(condition: bool, what: str):
    if condition:
        raise KnownBugStillPresent(what)


@dataclass(frozen=True)
class KnownPageProblem:
    """A serious axe violation or an overflow on certain pages, set aside for its own xfail test."""

    finding: str
    path: str  # a regular expression over the page's path
    rule: str  # an axe rule id, or "overflow"
    width: int

    def matches(self, path: str, rule: str, width: int) -> bool:
        return self.rule == rule and self.width == width and re.fullmatch(self.path, path) is not None



KNOWN_PAGE_PROBLEMS = [
]


def known_problem(path: str, rule: str, width: int):
    for known in KNOWN_PAGE_PROBLEMS:
        if known.matches(path, rule, width):
            return known
    return None
