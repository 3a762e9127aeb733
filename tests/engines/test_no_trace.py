"""Leave no trace, in every engine: the quick exit and in-app navigation."""

from __future__ import annotations

from server.config import Config
from tests.browser.pages import NAVIGATION_STEPS

EXIT_READY = "() => document.querySelector('#quick-exit[data-module-ready]') !== null"
EXIT_LABEL = "Snel weg: verlaat deze site meteen"

WATCH_COVER = """() => {
  // A bubbling listener on window runs after every other listener of the same key
  // press or click, in the same task: if the content is gone by then, no frame of
  // it is ever drawn again. No clock: bench/exit_latency.py measures the times.
  const check = (e) => {
    if (e.type === "keyup" && e.key !== "Shift") return;
    if (document.documentElement.classList.contains("covered") && !document.querySelector("main")) {
      sessionStorage.setItem("test:covered-in-task", "1");
    }
  };
  addEventListener("keyup", check);
  addEventListener("click", check);
}"""



def leave_and_check(page, server_url, exit_site, leave) -> None:
    """Leave with `leave()`; check the cover, the history, the Referer and going back."""
    page.wait_for(EXIT_READY, what="the quick exit's script")
    length = page.evaluate("() => history.length")
    page.evaluate(WATCH_COVER)
    visits = len(exit_site.pages())
    leave()
    page.wait_for_url(exit_site.url)
    assert page.evaluate("() => history.length") == length
    arrived = exit_site.pages()[visits:]
    assert len(arrived) == 1 and "referer" not in arrived[0]
    # Going back, to the page of ours before, sends the person straight out again.
    page.back()
    page.wait_for("(url) => location.href === url && document.readyState === 'complete'",
                  exit_site.url, what="going back to land on the exit site again")
    assert len(exit_site.pages()) == visits + 2
    # Our site's session storage outlives the trip: was the page covered at once?
    page.goto(server_url + "/robots.txt")
    assert page.evaluate("() => sessionStorage.getItem('test:covered-in-task')") == "1"


def test_exit_button_covers_at_once_and_leaves_no_history(page, server_url, exit_site):
    page.goto(server_url + "/nl/tips/call/")
    page.goto(server_url + "/nl/")
    page.click(link="Alle hulp op een rij")
    page.wait_for("() => document.querySelector('main h1')?.textContent === 'Alle hulp op een rij'")
    leave_and_check(page, server_url, exit_site, lambda: page.click(link=EXIT_LABEL))


def test_shift_three_times_covers_at_once_and_leaves_no_history(page, server_url, exit_site):
    page.goto(server_url + "/nl/")
    page.goto(server_url + "/nl/contact/")
    page.wait_for(EXIT_READY, what="the quick exit's script")

    def shift_three_times():
        page.press("Shift", times=2)
        assert page.shown("main h1") == 1  # two presses are not enough
        page.press("Shift")

    leave_and_check(page, server_url, exit_site, shift_three_times)


def test_in_app_navigation_keeps_the_address_and_history(page, server_url):
    page.goto(server_url + "/nl/")
    page.wait_for("() => document.body.hasAttribute('data-module-ready')",
                  what="in-app navigation to start")
    landing = page.url
    length = page.evaluate("() => history.length")
    for css, heading in NAVIGATION_STEPS:
        # Two pages can share a heading: wait for new content, then check its heading.
        page.evaluate("() => { window.oldMain = document.querySelector('main'); }")
        page.click(css=css)
        page.wait_for("(heading) => { const main = document.querySelector('main');"
                      " return main !== window.oldMain && (!heading"
                      " || main.querySelector('h1')?.textContent === heading); }",
                      heading, what=f"the page after {css}")
        assert page.url == landing
        assert page.title == Config.SITE_TITLE
    assert page.evaluate("() => history.length") == length
