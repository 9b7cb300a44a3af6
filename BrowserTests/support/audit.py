"""Every page the journeys visit is captured and checked in the script-enabled browser: a
screenshot at 320 and 1280 px, no horizontal overflow at 320 px, and axe-core (WCAG 2.1 AA and
best practice) with no serious or critical violation.

A page state is checked once: the same page (path with ids taken out, the same forms and
buttons, with or without an error summary or a notice) seen again, say the practice log after
each of five entries, is not audited again."""

import base64
import os
import re
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .known_bugs import known_problem

WIDTHS = (320, 1280)
# What Swift prints for a value nobody meant to show: Optional("…"), or Mentor(id: …, name: …).
DEBUG_TEXT = re.compile(r"Optional\(|\b[A-Z][A-Za-z]+\((?:[a-z][A-Za-z]*): ")
BLOCKING_IMPACTS = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "screenshots")
ID_SEGMENT = re.compile(r"^(?=.*\d)[A-Za-z0-9_\-]{16,}$|^WM-[A-Z0-9\-]+$|^[0-9a-f\-]{32,36}$", re.IGNORECASE)


def page_path(url: str) -> str:
    return urlsplit(url).path


def path_pattern(path: str) -> str:
    return "/".join(":id" if ID_SEGMENT.match(segment) else segment for segment in path.split("/"))


class _Shape(HTMLParser):
    """What makes one state of a page differ from another: its forms, buttons and messages."""

    def __init__(self):
        super().__init__()
        self.parts = set()
        self._in_button = False
        self._button_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.parts.add(("form", path_pattern(attributes.get("action") or "")))
        elif tag == "button":
            self._in_button, self._button_text = True, ""
        elif tag in ("div", "p") and (attributes.get("class") or "").split():
            for name in (attributes.get("class") or "").split():
                if name in ("error-summary", "notice", "field-error"):
                    self.parts.add(("message", name))

    def handle_data(self, data):
        if self._in_button:
            self._button_text += data

    def handle_endtag(self, tag):
        if tag == "button" and self._in_button:
            self._in_button = False
            self.parts.add(("button", " ".join(self._button_text.split())))


def page_state(role: str, url: str, html: str) -> tuple:
    shape = _Shape()
    shape.feed(html)
    return (role, path_pattern(page_path(url)), tuple(sorted(shape.parts)))


@dataclass
class Violation:
    rule: str
    impact: str
    width: int
    help: str
    targets: list

    def describe(self) -> str:
        return f"{self.rule} ({self.impact}, {self.width} px): {self.help}; at {', '.join(self.targets[:5])}"


@dataclass
class PageAudit:
    number: int
    role: str
    url: str
    path: str
    overflow_at_320: int = 0
    violations: list = field(default_factory=list)  # serious and critical only
    known: list = field(default_factory=list)  # (KnownPageProblem, description)
    problems: list = field(default_factory=list)  # everything else: fails the step that saw it


class Auditor:
    def __init__(self, audit_browser, axe_script: str, base: str):
        self.browser = audit_browser
        self.axe = axe_script
        self.base = base
        self.audits = {}
        self.folder = tempfile.mkdtemp(prefix="waymark-pages-")
        os.makedirs(SCREENSHOTS, exist_ok=True)

    def audit(self, role: str, url: str, html: str, name: str) -> PageAudit:
        state = page_state(role, url, html)
        if state in self.audits:
            audit = self.audits[state]
            self._look_for_debug_text(audit, html)
            return audit
        audit = PageAudit(number=len(self.audits) + 1, role=role, url=url, path=page_path(url))
        self.audits[state] = audit
        self._look_for_debug_text(audit, html)
        page_file = os.path.join(self.folder, f"page-{audit.number:03d}.html")
        with open(page_file, "w", encoding="utf-8") as out:
            out.write(self._with_base(html))
        slug = re.sub(r"[^a-z0-9]+", "-", f"{role} {name}".lower()).strip("-")[:80]
        for index, width in enumerate(WIDTHS):
            self._set_width(width)
            if index == 0:
                self.browser.get("file://" + page_file)
            if width == 320:
                audit.overflow_at_320 = self.browser.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
                if audit.overflow_at_320 > 0:
                    self._classify(audit, "overflow", 320,
                                   f"horizontal overflow at 320 px: {audit.overflow_at_320} px wider than the screen"
                                   f" ({self._widest()})")
            self._screenshot(os.path.join(SCREENSHOTS, f"{audit.number:03d}-{slug}-{width}.png"))
            for violation in self._axe(width):
                audit.violations.append(violation)
                self._classify(audit, violation.rule, width, "axe " + violation.describe())
        return audit

    def _look_for_debug_text(self, audit: PageAudit, html: str):
        text = re.sub(r"<[^>]+>", " ", html)
        found = DEBUG_TEXT.search(text)
        if found:
            description = f"debug description on the page: ...{text[max(0, found.start() - 40):found.end() + 80]}..."
            if description not in audit.problems + [d for _, d in audit.known]:
                self._classify(audit, "debug-description", 0, " ".join(description.split()))

    def _classify(self, audit: PageAudit, rule: str, width: int, description: str):
        known = known_problem(audit.path, rule, width)
        if known:
            audit.known.append((known, description))
        else:
            audit.problems.append(description)

    def _with_base(self, html: str) -> str:
        # Links and the stylesheet resolve against the server, as they did in the journey.
        return re.sub(r"<head>", f'<head><base href="{self.base}/">', html, count=1, flags=re.IGNORECASE)

    def _set_width(self, width: int):
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                     {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def _axe(self, width: int) -> list:
        if not self.browser.execute_script("return typeof window.axe === 'object';"):
            self.browser.execute_script(self.axe)
        result = self.browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " targets: v.nodes.map(n => n.target.join(' '))}))))"
            ".catch(e => done({error: String(e)}));",
            AXE_TAGS,
        )
        if isinstance(result, dict) and "error" in result:
            raise RuntimeError(f"axe-core failed: {result['error']}")
        return [Violation(v["id"], v["impact"], width, v["help"], v["targets"])
                for v in result if v["impact"] in BLOCKING_IMPACTS]

    def _widest(self) -> str:
        return self.browser.execute_script(
            "const w = document.documentElement.clientWidth; const out = [];"
            "for (const e of document.querySelectorAll('body *')) {"
            "  const r = e.getBoundingClientRect(); if (r.right > w + 1) out.push(e.tagName.toLowerCase()"
            "   + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));"
            "  if (out.length >= 4) break; }"
            "return out.join(', ') || 'no single element';")

    def _screenshot(self, path: str):
        size = self.browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];")
        shot = self.browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 16000), "scale": 1},
        })
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def print_text(self, html: str) -> str:
        """The words a page shows on paper: its text with print styles applied."""
        page_file = os.path.join(self.folder, "print.html")
        with open(page_file, "w", encoding="utf-8") as out:
            out.write(self._with_base(html))
        self._set_width(1280)
        self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            self.browser.get("file://" + page_file)
            return " ".join(self.browser.execute_script("return document.body.innerText;").split())
        finally:
            self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
