// Runs first, before the page is drawn (a classic, blocking script in <head>).
// 1. After a quick exit, the back button must never bring the content back.
// 2. A chosen disguise sets the title, manifest and icon at once.
// 3. In the installed app, real pages open only after the code; a page that is
//    hidden is covered at once, and after some idle time it needs the code again.
// 4. Until the quick exit's script has loaded, a tap on its button still leaves
//    without a history entry.
// 5. Classes on <html> for the first paint: "js" (scripts run, so no-script
//    fallbacks are hidden before they are drawn) and "has-code" (a code is set).
// Storage names are neutral: the same hash of the site and a letter as js/names.js.
(function () {
  var root = document.documentElement;

  function nameFor(what) {
    var text = location.origin + "|" + what, hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return hash.toString(36);
  }
  var LEFT = nameFor("x");
  var OPEN = nameFor("o");
  var DISGUISE = nameFor("d");
  var MODE = nameFor("m");

  function read(store, key) {
    try { return window[store].getItem(key); } catch (e) { return null; }
  }
  function write(store, key, value) {
    try { window[store].setItem(key, value); } catch (e) { /* storage may be off */ }
  }
  // Settings stored under the readable names of version 1 move to the neutral ones.
  [["u:disguise", DISGUISE], ["u:mode", MODE]].forEach(function (pair) {
    var value = read("localStorage", pair[0]);
    if (value === null) return;
    if (read("localStorage", pair[1]) === null) write("localStorage", pair[1], value);
    try { localStorage.removeItem(pair[0]); } catch (e) { /* storage may be off */ }
  });

  var data = {};
  try {
    data = JSON.parse(document.getElementById("page-data").textContent);
  } catch (e) { /* none */ }
  var disguises = data.disguises || {};
  var chosen = read("localStorage", DISGUISE);
  var disguise = chosen && chosen !== "none" ? disguises[chosen] || null : null;
  var hasCode = Boolean(read("localStorage", nameFor("l")) || read("localStorage", "u:lock"));
  var locked = Boolean(disguise && hasCode);
  root.classList.add("js");
  if (hasCode) root.classList.add("has-code");
  var idleMs = 1000 * Number(root.getAttribute("data-idle-seconds") || 60);
  var standalone = window.matchMedia && matchMedia("(display-mode: standalone)").matches;

  if (disguise) {
    document.title = disguise.title;
    var manifest = document.querySelector('link[rel="manifest"]');
    var icon = document.querySelector('link[rel="apple-touch-icon"]');
    var favicon = document.querySelector('link[rel="icon"]');
    var theme = document.querySelector('meta[name="theme-color"]');
    if (manifest) manifest.href = disguise.manifest;
    if (icon) icon.href = disguise.icon;
    if (favicon) favicon.href = disguise.favicon;
    if (theme) theme.content = disguise.theme;
    root.setAttribute("data-decoy-url", disguise.start);
  }

  function exitUrl() {
    return standalone && disguise ? disguise.start : root.getAttribute("data-exit-url");
  }
  function cover() { root.classList.add("covered"); }
  function bounce(url) { cover(); location.replace(url); }
  function stillOpen() {
    return Date.now() - Number(read("sessionStorage", OPEN) || 0) < idleMs;
  }
  function needsCode() {
    return locked && !stillOpen() && root.hasAttribute("data-real");
  }

  if (read("sessionStorage", LEFT) === "1") {
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var viaHistory = nav ? nav.type === "back_forward"
      : Boolean(performance.navigation && performance.navigation.type === 2);
    if (viaHistory) {
      bounce(exitUrl());
      return;
    }
    // A new visit on purpose: the person came back themselves.
    try { sessionStorage.removeItem(LEFT); } catch (e) { /* storage may be off */ }
  }

  if (standalone && needsCode()) {
    bounce(disguise.start);
    return;
  }

  // Child mode and large-text mode are remembered on the phone, but only the
  // installed app opens in them. In a browser the start page is always the
  // standard one, so one visit to child mode never takes over a shared phone.
  var mode = root.getAttribute("data-mode");
  if (mode) {
    write("localStorage", MODE, mode);
  } else if (standalone && root.hasAttribute("data-start")) {
    var remembered = (data.modeStarts || {})[read("localStorage", MODE)];
    if (remembered) {
      cover();
      location.replace(remembered);
      return;
    }
  }
  if (locked) write("sessionStorage", OPEN, String(Date.now()));

  function keepOpen() {
    if (locked && stillOpen()) write("sessionStorage", OPEN, String(Date.now()));
  }
  addEventListener("pointerdown", keepOpen, true);
  addEventListener("keydown", keepOpen, true);

  // The safety plan's forms are drawn before its script has arrived (so nothing
  // moves). Until it has started, they never submit the normal way: that would
  // put a code in the address.
  document.addEventListener("submit", function (event) {
    var app = event.target.closest && event.target.closest("[data-app]");
    if (app && !app.hasAttribute("data-ready")) event.preventDefault();
  }, true);

  // "Back to the normal app" forgets the mode, also before the page's scripts run.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-mode-reset]")) {
      try { localStorage.removeItem(MODE); } catch (e) { /* nothing was remembered */ }
    }
  }, true);

  // The quick exit's own script loads after the first screen. Until it runs,
  // this keeps the button safe: no history entry, and no way back to the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#quick-exit");
    if (!button || button.hasAttribute("data-module-ready")) return;
    event.preventDefault();
    cover();
    write("sessionStorage", LEFT, "1");
    location.replace(exitUrl());
  }, true);

  // Cover the page whenever it is hidden or left, so the recent-apps preview and a
  // copy kept by the back/forward cache show nothing.
  var unloaded = false;
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      // A visible page was open, so the idle time starts now.
      if (locked && !unloaded) write("sessionStorage", OPEN, String(Date.now()));
      cover();
    } else if (unloaded) {
      // Coming back from the back/forward cache: pageshow decides.
    } else if (needsCode()) {
      bounce(disguise.start);
    } else {
      root.classList.remove("covered");
    }
  });
  addEventListener("pagehide", function () {
    unloaded = true;
    cover();
  });
  addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    unloaded = false;
    if (read("sessionStorage", LEFT) === "1") bounce(exitUrl());
    else if (needsCode()) bounce(disguise.start);
    else root.classList.remove("covered");
  });
})();
