// Respondent pages: read aloud, text size, kiosk reset and the offline queue.
// Everything here only enhances pages that already work without JavaScript.
(function () {
  "use strict";

  var OUTBOX = "voice-outbox";

  // The page's words for this script, translated on the server (see respond/_layout.html).
  var TEXT = (function () {
    var node = document.getElementById("voice-respond-text");
    try { return JSON.parse(node ? node.textContent : "{}"); } catch (e) { return {}; }
  }());

  // Leave a page so that Back cannot return to it: the next person on a shared tablet must not
  // find the last person's answers in the history.
  function leaveFor(url) {
    window.location.replace(url);
  }

  // Send a form in the background, then leave for `url` without a history entry. Without
  // fetch the form is sent the ordinary way (the server redirects, POST/redirect/GET).
  function sendThenLeave(form, url) {
    if (!window.fetch || !window.FormData) {
      form.submit();
      return;
    }
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual"
    }).then(function () { leaveFor(url); }, function () { leaveFor(url); });
  }

  // Exit this page: govuk-frontend moves with location.href, which leaves this page in the
  // history. Take over the button and the third Shift so the page is replaced instead.
  function setUpExit() {
    var button = document.querySelector(".govuk-exit-this-page__button");
    if (!button) {
      return;
    }
    var go = function () {
      document.body.classList.add("govuk-exit-this-page-hide-content");
      leaveFor(button.href);
    };
    document.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest(".govuk-exit-this-page__button")) {
        event.preventDefault();
        event.stopImmediatePropagation();
        go();
      }
    }, true);
    var presses = 0;
    var timer = null;
    window.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        presses = 0;
        return;
      }
      presses += 1;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { presses = 0; }, 5000);
      if (presses >= 3) {
        event.stopImmediatePropagation();
        go();
      }
    }, true);
  }

  // Read aloud: speak the question and its options in the page language.
  function setUpReadAloud() {
    var button = document.querySelector("[data-read-aloud-button]");
    if (!button || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
      return;
    }
    button.hidden = false;
    var label = function (speaking) {
      button.textContent = speaking ? (TEXT.stopReading || "Stop") : (TEXT.readAloud || button.textContent);
    };
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        label(false);
        return;
      }
      window.speechSynthesis.cancel();
      var parts = [];
      document.querySelectorAll("[data-read-aloud]").forEach(function (node) {
        parts.push(node.textContent.trim());
      });
      var utterance = new SpeechSynthesisUtterance(parts.join(". "));
      utterance.lang = button.getAttribute("data-lang") || document.documentElement.lang;
      utterance.rate = 0.9;
      utterance.onend = function () { label(false); };
      label(true);
      window.speechSynthesis.speak(utterance);
    });
  }

  // Bigger text: the form works without JavaScript; here it is sent in the background so the
  // page (and anything typed on it) stays put.
  function setUpTextSize() {
    var form = document.querySelector("[data-text-size]");
    if (!form || !window.fetch || !window.FormData) {
      return;
    }
    var button = form.querySelector("button");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var large = button.value === "1";
      var data = new FormData(form);
      data.append("large", button.value);
      document.documentElement.classList.toggle("voice-text-large", large);
      button.value = large ? "0" : "1";
      button.textContent = button.getAttribute(large ? "data-smaller" : "data-bigger");
      window.fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Voice-Background": "1" }
      }).catch(function () { /* offline: the page still shows the chosen size */ });
    });
  }

  // Kiosk: after a quiet spell ask, in a dialog in view, then start again so the next
  // person sees nothing (and finds nothing by Back).
  function setUpKioskReset() {
    var kiosk = document.querySelector("[data-kiosk]");
    if (!kiosk) {
      return;
    }
    var form = kiosk.querySelector("[data-kiosk-reset-form]");
    var warning = kiosk.querySelector("[data-kiosk-warning]");
    var stillHere = kiosk.querySelector("[data-kiosk-still-here]");
    var startUrl = kiosk.getAttribute("data-start-url");
    var idle = parseInt(kiosk.getAttribute("data-idle-seconds"), 10) || 180;
    var grace = Math.min(60, Math.max(5, Math.round(idle / 3)));
    var warnTimer = null;
    var resetTimer = null;
    var before = null;
    var reset = function () { sendThenLeave(form, startUrl); };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      reset();
    });
    var restart = function () {
      window.clearTimeout(warnTimer);
      window.clearTimeout(resetTimer);
      if (!warning.hidden) {
        warning.hidden = true;
        if (before && before.focus) { before.focus(); }
      }
      if (document.querySelector("[data-kiosk-finished]")) {
        resetTimer = window.setTimeout(reset, 15000);
        return;
      }
      warnTimer = window.setTimeout(function () {
        before = document.activeElement;
        warning.hidden = false;
        stillHere.focus();
        resetTimer = window.setTimeout(reset, grace * 1000);
      }, idle * 1000);
    };
    stillHere.addEventListener("click", restart);
    ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, function (event) {
        // A key or tap on the dialog itself is answered by its button, not by any key.
        if (!warning.hidden && warning.contains(event.target) && name !== "keydown") { return; }
        restart();
      }, { passive: true });
    });
    kiosk.restartIdle = restart;
    restart();
  }

  function readOutbox() {
    try { return JSON.parse(window.localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }

  function writeOutbox(items) {
    try { window.localStorage.setItem(OUTBOX, JSON.stringify(items)); } catch (e) { /* full */ }
  }

  function post(item) {
    return window.fetch(item.url, {
      method: "POST",
      body: new URLSearchParams(item.body),
      headers: { "X-Voice-Offline-Resend": "1" },
      credentials: "same-origin",
      redirect: "manual"
    });
  }

  // Send anything queued while the wifi was down; each carries its idempotency key, so a
  // response that did reach the server before is not stored twice.
  function flushOutbox() {
    var items = readOutbox();
    if (!items.length || navigator.onLine === false) {
      return;
    }
    var remaining = [];
    var chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        return post(item).then(function (response) {
          // 5xx and 429: keep and try again later; anything else is settled.
          if (response.status >= 500 || response.status === 429) { remaining.push(item); }
        }, function () { remaining.push(item); });
      });
    });
    chain.then(function () { writeOutbox(remaining); });
  }

  function setUpOfflineQueue() {
    var form = document.querySelector("[data-offline-queue]");
    window.addEventListener("online", flushOutbox);
    flushOutbox();
    if (!form || !window.fetch || !window.URLSearchParams) {
      return;
    }
    var message = form.querySelector("[data-offline-message]");
    var sending = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) { return; }
      sending = true;
      var item = { url: form.action, body: Array.from(new FormData(form).entries()) };
      var queue = function () {
        writeOutbox(readOutbox().concat([item]));
        // The answers now wait in the outbox; take them off the screen for the next person.
        var main = document.querySelector(".voice-respond");
        main.querySelectorAll(".govuk-summary-list, .govuk-back-link, .govuk-fieldset, button")
          .forEach(function (node) { node.remove(); });
        form.querySelectorAll("input[name=answers]").forEach(function (node) { node.value = ""; });
        message.textContent = TEXT.saved || message.textContent;
        message.hidden = false;
        message.focus();
        var finished = document.createElement("span");
        finished.setAttribute("data-kiosk-finished", "");
        message.appendChild(finished);
        var kiosk = document.querySelector("[data-kiosk]");
        if (kiosk && kiosk.restartIdle) { kiosk.restartIdle(); }
      };
      if (navigator.onLine === false) { queue(); return; }
      post(item).then(function (response) {
        if (response.status === 201 || response.type === "opaqueredirect") {
          leaveFor(form.getAttribute("data-thank-you"));
        } else if (response.status >= 500 || response.status === 429) {
          queue();
        } else {
          form.submit();  // let the server show its own message
        }
      }, queue);
    });
    message.setAttribute("tabindex", "-1");
  }

  // Sentence starters become buttons that put the words into the answer box.
  function setUpSentenceStarters() {
    var box = document.querySelector("textarea#answer");
    if (!box) {
      return;
    }
    document.querySelectorAll(".voice-starters li").forEach(function (item) {
      var words = item.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "govuk-button govuk-button--secondary voice-starter";
      button.textContent = words;
      button.addEventListener("click", function () {
        var start = words.replace(/\u2026$/, "").replace(/\.\.\.$/, "");
        box.value = (box.value ? box.value.replace(/\s*$/, " ") : "") + start + " ";
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.focus();
      });
      item.textContent = "";
      item.appendChild(button);
    });
  }

  function registerServiceWorker() {
    var script = document.querySelector("[data-service-worker]");
    if (script && "serviceWorker" in navigator) {
      navigator.serviceWorker.register(script.getAttribute("data-service-worker"), {
        scope: script.getAttribute("data-scope")
      }).catch(function () { /* pages still work without it */ });
    }
  }

  setUpExit();
  setUpReadAloud();
  setUpTextSize();
  setUpKioskReset();
  setUpOfflineQueue();
  setUpSentenceStarters();
  registerServiceWorker();
}());
