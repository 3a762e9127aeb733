// Test-only: the first script on every page the engine tests load. No browser
// driver here reports console errors and CSP violations in every engine, so the
// page keeps them itself, and the tests read them back with window.__problems.
(function () {
  var problems = [];
  window.__problems = problems;
  function note(kind, text) { problems.push(kind + ": " + String(text).slice(0, 500)); }
  addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && target.tagName) {
      note("load failed", target.tagName.toLowerCase() + " " + (target.src || target.href || ""));
    } else {
      note("error", event.message + " at " + event.filename + ":" + event.lineno);
    }
  }, true);
  addEventListener("unhandledrejection", function (event) {
    var reason = event.reason;
    note("unhandled rejection", reason && reason.stack ? reason.stack : reason);
  });
  document.addEventListener("securitypolicyviolation", function (event) {
    note("CSP", event.effectiveDirective + " blocked " + (event.blockedURI || "inline code")
      + " in " + event.sourceFile + ":" + event.lineNumber);
  });
  var realError = console.error;
  console.error = function () {
    note("console.error", Array.prototype.map.call(arguments, function (part) {
      return part && part.stack ? part.stack : String(part);
    }).join(" "));
    return realError.apply(console, arguments);
  };
})();
