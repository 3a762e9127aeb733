// Runs first, before the page is drawn (a classic, blocking script).
// After a quick exit, the browser's back button must never bring the content back:
// a page restored from the back/forward cache, or reloaded through history,
// is covered and sent to the exit again.
(function () {
  var root = document.documentElement;
  var KEY = "u:left";

  function hasLeft() {
    try {
      return sessionStorage.getItem(KEY) === "1";
    } catch (e) {
      return false;
    }
  }

  function bounce() {
    root.classList.add("covered");
    location.replace(root.getAttribute("data-exit-url"));
  }

  if (hasLeft()) {
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (nav && nav.type === "back_forward") {
      bounce();
    } else {
      // A new visit on purpose: the person came back themselves.
      try { sessionStorage.removeItem(KEY); } catch (e) { /* storage may be off */ }
    }
  }

  // Cover the page whenever it is left, so a copy kept by the back/forward cache
  // starts covered; uncover it only when no quick exit happened.
  addEventListener("pagehide", function () {
    root.classList.add("covered");
  });
  addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    if (hasLeft()) bounce();
    else root.classList.remove("covered");
  });
})();
