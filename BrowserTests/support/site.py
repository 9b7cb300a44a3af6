"""The journey browser, driven the way a person drives it: open a link, type into the field a
label names, choose a radio by its label, press the button that says what it does. Every page it
arrives at is handed to the auditor, and a page with an unexpected problem fails the step."""

import re
import urllib.request
from urllib.parse import urlsplit

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from .audit import page_path, path_pattern


def _words(text: str) -> str:
    return " ".join((text or "").split())


class PageProblem(AssertionError):
    pass


class Site:
    def __init__(self, browser, auditor, base: str):
        self.browser = browser
        self.auditor = auditor
        self.base = base
        self.actor = "visitor"
        self.sessions = {}
        self.kinds = {}
        self.last_audit = None

    # Who is at the keyboard

    def sign_in(self, name: str, email: str, password: str, kind: str = None):
        self.as_visitor()
        self.open("/login")
        self.fill("Email address", email)
        self.fill("Password", password)
        self.press("Sign in")
        assert urlsplit(self.browser.current_url).path != "/login", f"{email} could not sign in: {self.text()[:300]}"
        self.remember_session(name, kind)

    def remember_session(self, name: str, kind: str = None):
        self.sessions[name] = self.browser.get_cookies()
        self.kinds[name] = kind or name
        self.actor = name

    @property
    def actor_kind(self) -> str:
        """The role a page is seen as: two trainees seeing the same page state are one audit."""
        return self.kinds.get(self.actor, self.actor)

    def become(self, name: str):
        """Swaps to someone already signed in, as another person at another computer would be."""
        if self.actor == name:
            return
        self.browser.delete_all_cookies()
        for cookie in self.sessions[name]:
            self.browser.add_cookie({k: v for k, v in cookie.items() if k in ("name", "value", "path", "secure", "httpOnly")})
        self.actor = name

    def as_visitor(self):
        self.browser.delete_all_cookies()
        self.actor = "visitor"

    # Looking

    @property
    def path(self) -> str:
        return urlsplit(self.browser.current_url).path

    @property
    def url(self) -> str:
        return self.browser.current_url

    def heading(self) -> str:
        found = self.browser.find_elements(By.TAG_NAME, "h1")
        return _words(found[0].text) if found else ""

    def text(self) -> str:
        return _words(self.browser.find_element(By.TAG_NAME, "main").text)

    def html(self) -> str:
        return self.browser.page_source

    def links(self) -> list:
        return [(_words(a.text), a.get_attribute("href")) for a in self.browser.find_elements(By.CSS_SELECTOR, "main a[href]")]

    def field(self, label: str):
        return self.browser.find_element(By.ID, self._label(label).get_attribute("for"))

    def value(self, label: str) -> str:
        return self.field(label).get_attribute("value")

    def is_chosen(self, label: str) -> bool:
        return self.field(label).is_selected()

    def error_summary(self) -> str:
        found = self.browser.find_elements(By.CSS_SELECTOR, "main .error-summary")
        return _words(found[0].text) if found else ""

    # Doing

    def open(self, path_or_url: str, name: str = None):
        url = path_or_url if path_or_url.startswith("http") else self.base + path_or_url
        self.browser.get(url)
        self._arrived(name)

    def follow(self, link_text: str, name: str = None):
        links = [a for a in self.browser.find_elements(By.CSS_SELECTOR, "main a[href]") if _words(a.text) == link_text]
        if not links:
            raise NoSuchElementException(f"no link '{link_text}' on {self.path}; links: {[t for t, _ in self.links()]}")
        self._navigate(links[0].click, name)

    def fill(self, label: str, value: str, within=None):
        element = self.field_in(label, within)
        element.clear()
        element.send_keys(value)

    def fill_date(self, label: str, year: int, month: int, day: int, within=None):
        # Chromium orders the parts of a date field by its locale, which headless Chromium does
        # not always take from --lang: type day first, and month first if that was not it.
        element = self.field_in(label, within)
        wanted = f"{year:04d}-{month:02d}-{day:02d}"
        for typed in (f"{day:02d}{month:02d}{year:04d}", f"{month:02d}{day:02d}{year:04d}"):
            element.clear()
            element.send_keys(typed)
            if element.get_attribute("value") == wanted:
                return
        raise AssertionError(f"could not type {wanted} into the date field '{label}': it holds {element.get_attribute('value')!r}")

    def choose(self, label: str, within=None):
        found = self._label(label, within)
        target = self.browser.find_element(By.ID, found.get_attribute("for"))
        if not target.is_selected():
            found.click()

    def untick(self, label: str, within=None):
        found = self._label(label, within)
        if self.browser.find_element(By.ID, found.get_attribute("for")).is_selected():
            found.click()

    def select(self, label: str, option_text: str, within=None):
        Select(self.field_in(label, within)).select_by_visible_text(option_text)

    def press(self, button_text: str, within=None, name: str = None):
        scope = within if within is not None else self.browser.find_element(By.TAG_NAME, "main")
        buttons = [b for b in scope.find_elements(By.TAG_NAME, "button") if _words(b.text) == button_text]
        if not buttons:
            raise NoSuchElementException(
                f"no button '{button_text}' on {self.path}; buttons: {[_words(b.text) for b in scope.find_elements(By.TAG_NAME, 'button')]}")
        self._navigate(buttons[0].click, name)

    def form(self, action_pattern: str):
        """The form whose action matches, to press a button or fill a field inside it only."""
        for form in self.browser.find_elements(By.CSS_SELECTOR, "main form"):
            if re.search(action_pattern, form.get_attribute("action") or ""):
                return form
        raise NoSuchElementException(f"no form with action ~ {action_pattern} on {self.path}")

    def field_in(self, label: str, within=None):
        found = self._label(label, within)
        return self.browser.find_element(By.ID, found.get_attribute("for"))

    # Inside

    def _label(self, text: str, within=None):
        scope = within if within is not None else self.browser.find_element(By.TAG_NAME, "main")
        for label in scope.find_elements(By.TAG_NAME, "label"):
            if _words(label.text) == text:
                return label
        raise NoSuchElementException(
            f"no label '{text}' on {self.path}; labels: {[_words(l.text) for l in scope.find_elements(By.TAG_NAME, 'label')][:40]}")

    def _navigate(self, action, name):
        before = self.browser.find_element(By.TAG_NAME, "html")
        action()
        WebDriverWait(self.browser, 30).until(lambda _: self._gone(before))
        self._arrived(name)

    def _loaded(self) -> bool:
        # WebDriver's own script runs even with the page's JavaScript off.
        return self.browser.execute_script("return document.readyState") == "complete"

    @staticmethod
    def _gone(element) -> bool:
        try:
            element.tag_name
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as problem:
            # Asked in the middle of the swap, Chromium says the old node is in no document.
            if "does not belong to the document" in str(problem):
                return True
            raise

    def _arrived(self, name):
        # A click returns once the old page is gone; the new one may still be arriving.
        WebDriverWait(self.browser, 30).until(lambda _: self._loaded())
        html = self.browser.page_source
        audit = self.auditor.audit(self.actor_kind, self.browser.current_url, html, name or self.path)
        self.last_audit = audit
        if audit.problems:
            raise PageProblem(f"{self.actor} on {audit.path} (#{audit.number}):\n  " + "\n  ".join(audit.problems))

    def download(self, href: str):
        """Fetches a file a link downloads (a badge picture), with this person's cookies, as the
        browser would save it: (status, headers, bytes). Downloads are not pages to audit."""
        url = href if href.startswith("http") else self.base + href
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.browser.get_cookies())
        request = urllib.request.Request(url, headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()

    # Checks

    def answer(self, steps: list):
        """Answers a check the way the steps from support.answers say, by clicking and typing."""
        for step in steps:
            if step[0] == "choose":
                self.browser.find_element(By.CSS_SELECTOR, f"label[for='{step[1]}']").click()
            elif step[0] == "type":
                element = self.browser.find_element(By.ID, step[1])
                element.clear()
                element.send_keys(step[2])
            elif step[0] == "pick":
                menu = Select(self.browser.find_element(By.ID, step[1]))
                wanted = " ".join(step[2].split())
                for option in menu.options:
                    if " ".join((option.get_attribute("value") or "").split()) == wanted:
                        option.click()
                        break
                else:
                    raise NoSuchElementException(f"no option '{step[2]}' in {step[1]}")

    def auditor_pattern(self, url: str) -> str:
        return path_pattern(page_path(url))
