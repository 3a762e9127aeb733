"""The three engines' browsers, each started once per test session, each giving fresh pages.

- Chromium: Debian's /usr/bin/chromium through Playwright, as in tests/browser.
- Firefox: Debian's firefox-esr through WebDriver BiDi on Firefox's own WebSocket
  (`--remote-debugging-port`), with no geckodriver: Selenium's BiDi connection
  (selenium.webdriver.remote.websocket_connection) carries the commands.
- WebKit: Debian's WebKitGTK (MiniBrowser) through WebKitWebDriver and Selenium,
  on an Xvfb screen of its own.
"""

from __future__ import annotations

import collections
import contextlib
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .driver import (
    LOAD_TIMEOUT,
    VIEWPORT,
    EngineError,
    Page,
    PageError,
    click_actions,
    key_actions,
)

# Chromium, through Playwright


class ChromiumBrowser:
    """Debian's Chromium, one process for the session; a new context for each page."""

    engine = "chromium"

    def __init__(self, playwright=None):
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import CHROMIUM_ARGS

        path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
        if not Path(path).exists():
            raise EngineError(f"Chromium not found at {path}: run `make test`, which installs"
                              " Debian's chromium")
        # Playwright's sync driver runs once per process: take the one given, if any.
        self.own_driver = playwright is None
        self.playwright = sync_playwright().start() if self.own_driver else playwright
        try:
            self.browser = self.playwright.chromium.launch(executable_path=path,
                                                           args=CHROMIUM_ARGS)
        except Exception as error:
            if self.own_driver:
                self.playwright.stop()
            raise EngineError(f"Chromium did not start: {one_line(error)}") from error

    def new_page(self) -> Page:
        """Open a fresh profile with one tab."""
        context = self.browser.new_context(viewport=VIEWPORT, locale="nl-NL",
                                           ignore_https_errors=True)
        return Page(self.engine, PlaywrightTab(context))

    def close(self) -> None:
        """Quit the browser."""
        self.browser.close()
        if self.own_driver:
            self.playwright.stop()


class PlaywrightTab:
    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.page.set_default_timeout(LOAD_TIMEOUT * 1000)

    def navigate(self, url):
        self.page.goto(url)

    def reload(self):
        self.page.reload()

    def back(self):
        self.page.go_back(wait_until="commit")

    def call(self, source, args_json):
        return self.page.evaluate(source, args_json)

    def click_at(self, x, y):
        self.page.mouse.click(x, y)

    def press(self, keys):
        for key in keys:
            self.page.keyboard.press(key)

    def close(self):
        self.context.close()


# Firefox, through WebDriver BiDi

FIREFOX_PREFS = {
    # Nothing may go out on this closed network: no updates, telemetry or checks.
    "app.update.disabledForTesting": True,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "intl.accept_languages": "nl-NL, nl",
}


class FirefoxBrowser:
    """Debian's Firefox ESR, headless, one process for the session; a container per page."""

    engine = "firefox"

    def __init__(self):
        from selenium.webdriver.remote.websocket_connection import WebSocketConnection

        binary = (os.environ.get("FIREFOX_PATH") or shutil.which("firefox-esr")
                  or "/usr/bin/firefox-esr")
        if not Path(binary).exists():
            raise EngineError(f"Firefox ESR not found at {binary}: run `make test`, which installs"
                              " Debian's firefox-esr")
        self.profile = tempfile.mkdtemp(prefix="uitweg-firefox-")
        Path(self.profile, "user.js").write_text("".join(
            f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items()))
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-remote", "--profile", self.profile,
             "--remote-debugging-port=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace",
        )
        self.log = collections.deque(maxlen=20)
        address = self._bidi_address()
        self.conn = WebSocketConnection(address + "/session", LOAD_TIMEOUT, 0.002)
        self.command("session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})

    def _bidi_address(self) -> str:
        """Read the WebSocket address Firefox prints once it listens."""
        found = {}

        def read():
            for line in self.process.stderr:
                self.log.append(line.rstrip())
                match = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
                if match and "address" not in found:
                    found["address"] = match.group(1)
                    ready.set()
            ready.set()

        ready = threading.Event()
        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(LOAD_TIMEOUT) or "address" not in found:
            code = self.process.poll()
            self.close()
            why = f"exited with code {code}" if code is not None else \
                f"gave no WebDriver BiDi port within {LOAD_TIMEOUT:.0f} s"
            raise EngineError(f"Firefox ESR {why}: " + (" | ".join(list(self.log)[-3:])
                                                        or "it printed nothing"))
        return found["address"]

    def command(self, method: str, params: dict) -> dict:
        """Send one BiDi command and return its result."""
        answer = self.conn.send_cmd(method, params)
        if answer.get("type") == "error" or "error" in answer:
            raise PageError(f"firefox: {method} failed: {answer.get('error')}:"
                            f" {answer.get('message', '')[:300]}")
        return answer.get("result", {})

    def new_page(self) -> Page:
        """Open a tab in a new container: its own storage, cookies and service workers."""
        user_context = self.command("browser.createUserContext", {})["userContext"]
        context = self.command("browsingContext.create",
                               {"type": "tab", "userContext": user_context})["context"]
        self.command("browsingContext.setViewport", {"context": context, "viewport": VIEWPORT})
        return Page(self.engine, BidiTab(self, context, user_context))

    def close(self) -> None:
        """Quit Firefox and remove its profile."""
        with contextlib.suppress(Exception):  # it may already be gone
            if getattr(self, "conn", None):
                self.conn.send_cmd("browser.close", {})
                self.conn.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class BidiTab:
    def __init__(self, browser: FirefoxBrowser, context: str, user_context: str):
        self.browser = browser
        self.context = context
        self.user_context = user_context

    def navigate(self, url):
        self.browser.command("browsingContext.navigate",
                             {"context": self.context, "url": url, "wait": "complete"})

    def reload(self):
        self.browser.command("browsingContext.reload", {"context": self.context, "wait": "complete"})

    def back(self):
        self.browser.command("browsingContext.traverseHistory", {"context": self.context, "delta": -1})

    def call(self, source, args_json):
        result = self.browser.command("script.callFunction", {
            "functionDeclaration": source, "awaitPromise": True,
            "target": {"context": self.context},
            "arguments": [{"type": "string", "value": args_json}],
        })
        if result.get("type") == "exception":
            details = result.get("exceptionDetails", {})
            raise PageError(f"firefox: script failed: {details.get('text', details)}")
        return result["result"]["value"]

    def click_at(self, x, y):
        self._perform(click_actions(x, y))

    def press(self, keys):
        self._perform(key_actions(keys))

    def _perform(self, actions):
        self.browser.command("input.performActions", {"context": self.context, "actions": [actions]})

    def close(self):
        self.browser.command("browsingContext.close", {"context": self.context})
        self.browser.command("browser.removeUserContext", {"userContext": self.user_context})


# WebKit, through WebKitWebDriver


def minibrowser_path() -> str | None:
    """Find WebKitGTK's MiniBrowser, which WebKitWebDriver drives."""
    found = sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    return found[-1] if found else None


class Xvfb:
    """A virtual screen of our own; Xvfb picks a free display number."""

    def __init__(self):
        if not shutil.which("Xvfb"):
            raise EngineError("Xvfb is not installed: run `make test`, which installs Debian's xvfb")
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            raise EngineError("Xvfb did not start a virtual screen")
        self.display = f":{number}"

    def close(self) -> None:
        """Stop the screen."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class WebKitBrowser:
    """Debian's WebKitGTK under Xvfb: one screen and one WebKitWebDriver for the session.

    Each page gets a WebDriver session of its own: WebKitGTK starts every session
    with empty, throwaway storage, as Playwright's contexts do for Chromium.
    """

    engine = "webkit"
    # Starting a session takes 1 to 4 s here, even on a busy machine: a first try that
    # takes 20 s has hung; the try after a restart gets longer.
    SESSION_TIMEOUTS = (20.0, 60.0)

    def __init__(self):
        self.driver_path, self.browser_path = shutil.which("WebKitWebDriver"), minibrowser_path()
        if not self.driver_path or not self.browser_path:
            raise EngineError("WebKitGTK is not installed: run `make test`, which installs"
                              " Debian's webkit2gtk-driver")
        self.screen = Xvfb()
        self.log = Path(tempfile.mkdtemp(prefix="uitweg-webkit-")) / "driver.log"
        self.restarts = 0
        self.service = None
        try:
            self.start_driver()
            self.spare = self.session()
        except Exception as error:
            self.close()
            raise EngineError(f"WebKitWebDriver did not start a session: {one_line(error)}") from error

    def start_driver(self) -> None:
        """Start WebKitWebDriver on our screen; it and MiniBrowser write to our log."""
        from selenium.webdriver.webkitgtk.service import Service

        if self.service:
            self.service.stop()
        self.service = Service(executable_path=self.driver_path, log_output=str(self.log),
                               env={**os.environ, "DISPLAY": self.screen.display})
        self.service.start()

    def session(self):
        """Start a WebDriver session: a new MiniBrowser with empty storage.

        Now and then (seen here about once in 10 to 50 starts, under heavy load) MiniBrowser dies as
        it starts and WebKitWebDriver waits for it forever. Then the driver is
        started afresh and the session tried once more; a second failure fails.
        """
        try:
            return self._session(self.SESSION_TIMEOUTS[0])
        except Exception:  # noqa: BLE001  the second try says what went wrong
            self.restarts += 1
            self.start_driver()
        try:
            return self._session(self.SESSION_TIMEOUTS[1])
        except Exception as error:
            last = self.log.read_text(errors="replace").strip().splitlines()[-3:]
            raise PageError(f"webkit: no session after a restart of WebKitWebDriver:"
                            f" {one_line(error)}; driver log: {' | '.join(last)}") from error

    def _session(self, timeout: float):
        from selenium import webdriver
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection
        from selenium.webdriver.webkitgtk.options import Options

        options = Options()
        options.binary_location = self.browser_path
        options.add_argument("--automation")
        options.set_capability("acceptInsecureCerts", True)
        # Without a timeout a stuck browser would hang the whole run.
        config = ClientConfig(remote_server_addr=self.service.service_url,
                              timeout=timeout)
        driver = webdriver.Remote(command_executor=RemoteConnection(client_config=config),
                                  options=options)
        config.timeout = 2 * LOAD_TIMEOUT  # for each later command: page loads take longer
        driver.set_script_timeout(LOAD_TIMEOUT)
        driver.set_page_load_timeout(LOAD_TIMEOUT)
        driver.set_window_rect(0, 0, VIEWPORT["width"], VIEWPORT["height"])
        return driver

    def new_page(self) -> Page:
        """Open a new, empty browser window."""
        driver, self.spare = self.spare or self.session(), None
        return Page(self.engine, WebKitTab(driver))

    def close(self) -> None:
        """End the sessions, the driver and the screen."""
        try:
            if getattr(self, "spare", None):
                self.spare.quit()
            if self.service:
                self.service.stop()
        finally:
            self.screen.close()
            shutil.rmtree(self.log.parent, ignore_errors=True)


class WebKitTab:
    def __init__(self, driver):
        self.driver = driver

    def navigate(self, url):
        self.driver.get(url)

    def reload(self):
        self.driver.refresh()

    def back(self):
        self.driver.back()

    def call(self, source, args_json):
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"({source})(arguments[0]).then((ok) => done({{ ok }}),"
            " (error) => done({ error: String(error) + ' ' + (error && error.stack || '') }));",
            args_json)
        if "error" in answer:
            raise PageError(f"webkit: script failed: {answer['error'][:500]}")
        return answer["ok"]

    def click_at(self, x, y):
        self._perform(click_actions(x, y))

    def press(self, keys):
        self._perform(key_actions(keys))

    def _perform(self, actions):
        self.driver.execute("actions", {"actions": [actions]})
        self.driver.execute("clearActionState")

    def close(self):
        self.driver.quit()


BROWSERS = {"chromium": ChromiumBrowser, "firefox": FirefoxBrowser, "webkit": WebKitBrowser}


def launch(engine: str, **options):
    """Start one engine's browser; raise EngineError with one clear line when it cannot."""
    try:
        return BROWSERS[engine](**options)
    except EngineError:
        raise
    except Exception as error:
        raise EngineError(f"{engine} did not start: {one_line(error)}") from error


def one_line(error: BaseException) -> str:
    """Shorten an exception to one line."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:300]
