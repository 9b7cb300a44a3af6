"""The two Chromium browsers: one with JavaScript off for the journeys, as Waymark's pages have no
script, and one with it on, only to measure and audit pages the first one captured."""

import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def _chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("Chromium is not installed (apt-get install chromium chromium-driver)")


def _chromedriver() -> str:
    found = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.access(found, os.X_OK):
        raise RuntimeError("chromedriver is not installed (apt-get install chromium-driver)")
    return found


def make_browser(javascript: bool) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = _chromium_binary()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--disable-extensions", "--no-first-run", "--disable-background-networking",
                     "--disable-sync", "--mute-audio", "--window-size=1280,900", "--lang=en-GB",
                     "--allow-file-access-from-files"):
        options.add_argument(argument)
    if javascript:
        # Phones draw scrollbars over the page; a classic 15 px scrollbar would make a 320 px
        # screen 305 px wide.
        options.add_argument("--hide-scrollbars")
    prefs = {"credentials_enable_service": False, "profile.password_manager_enabled": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    options.page_load_strategy = "normal"
    browser = webdriver.Chrome(options=options, service=Service(_chromedriver()))
    browser.set_page_load_timeout(30)
    return browser
