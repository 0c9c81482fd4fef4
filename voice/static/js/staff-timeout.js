// A warning before the staff idle limit (STAFF_IDLE_MINUTES) ends the session. "Stay signed in"
// renews the session with one small request, so the page and anything typed in it stay as they
// are. Other tabs of the same browser hear about it through localStorage and start again too.
(function () {
  "use strict";
  var dialog = document.getElementById("staff-timeout");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) { return; }
  var idle = parseInt(dialog.getAttribute("data-idle-seconds"), 10) * 1000;
  var warn = parseInt(dialog.getAttribute("data-warn-seconds"), 10) * 1000;
  if (!(idle > 0) || !(warn > 0)) { return; }
  var stay = dialog.querySelector("[data-timeout-stay]");
  var close = dialog.querySelector("[data-timeout-close]");
  var warning = dialog.querySelector('[data-timeout-state="warning"]');
  var ended = dialog.querySelector('[data-timeout-state="ended"]');
  var STORE = "voice-staff-seen";
  var warnTimer = null;
  var endTimer = null;
  var returnFocus = null;
  var signedOut = false;

  function open() {
    if (dialog.open) { return; }
    returnFocus = document.activeElement;
    dialog.showModal();
  }

  function shut() {
    if (dialog.open) { dialog.close(); }
    if (returnFocus && typeof returnFocus.focus === "function") { returnFocus.focus(); }
    returnFocus = null;
  }

  function start(from) {
    var waited = Date.now() - from;
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(open, Math.max(0, idle - warn - waited));
    endTimer = window.setTimeout(end, Math.max(0, idle - waited));
  }

  function end() {
    signedOut = true;
    window.clearTimeout(warnTimer);
    warning.hidden = true;
    ended.hidden = false;
    dialog.setAttribute("aria-labelledby", "staff-timeout-ended-heading");
    dialog.removeAttribute("aria-describedby");
    open();
    document.getElementById("staff-timeout-ended-heading").focus();
  }

  function renewed(at) {
    try { window.localStorage.setItem(STORE, String(at)); } catch (error) { /* private mode */ }
    shut();
    start(at);
  }

  function renew() {
    if (signedOut) { return; }
    stay.disabled = true;
    var at = Date.now();
    window.fetch(dialog.getAttribute("data-renew-url"), {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": dialog.getAttribute("data-csrf-token") }
    }).then(function (response) {
      if (response.status === 204) { renewed(at); } else { end(); }
    }, function () {
      end();  // no answer: say so rather than promise a session that may be gone
    }).then(function () { stay.disabled = false; });
  }

  stay.addEventListener("click", renew);
  close.addEventListener("click", shut);
  // Escape means "stay signed in" while the warning shows; after the end it only closes.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    if (signedOut) { shut(); } else { renew(); }
  });
  window.addEventListener("storage", function (event) {
    if (event.key === STORE && event.newValue && !signedOut) {
      shut();
      start(parseInt(event.newValue, 10));
    }
  });
  var loaded = Date.now();
  try { window.localStorage.setItem(STORE, String(loaded)); } catch (error) { /* private mode */ }
  start(loaded);
})();
