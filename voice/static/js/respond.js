// Respondent pages: read aloud, text size, kiosk reset and the offline queue.
// Everything here only enhances pages that already work without JavaScript.
(function () {
  "use strict";

  var OUTBOX = "voice-outbox";

  // Read aloud: speak the question and its options in the page language.
  function setUpReadAloud() {
    var button = document.querySelector("[data-read-aloud-button]");
    if (!button || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      var parts = [];
      document.querySelectorAll("[data-read-aloud]").forEach(function (node) {
        parts.push(node.textContent.trim());
      });
      var utterance = new SpeechSynthesisUtterance(parts.join(". "));
      utterance.lang = button.getAttribute("data-lang") || document.documentElement.lang;
      utterance.rate = 0.9;
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

  // Kiosk: after a quiet spell warn gently, then start again so the next person sees nothing.
  function setUpKioskReset() {
    var kiosk = document.querySelector("[data-kiosk]");
    if (!kiosk) {
      return;
    }
    var form = kiosk.querySelector("[data-kiosk-reset-form]");
    var warning = kiosk.querySelector("[data-kiosk-warning]");
    var finished = document.querySelector("[data-kiosk-finished]");
    var idle = parseInt(kiosk.getAttribute("data-idle-seconds"), 10) || 180;
    var grace = Math.min(60, Math.max(5, Math.round(idle / 3)));
    var warnTimer = null;
    var resetTimer = null;
    var reset = function () { form.submit(); };
    var restart = function () {
      window.clearTimeout(warnTimer);
      window.clearTimeout(resetTimer);
      warning.hidden = true;
      if (finished) {
        resetTimer = window.setTimeout(reset, 15000);
        return;
      }
      warnTimer = window.setTimeout(function () {
        warning.hidden = false;
        resetTimer = window.setTimeout(reset, grace * 1000);
      }, idle * 1000);
    };
    ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, restart, { passive: true });
    });
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
        message.hidden = false;
        message.focus();
        sending = false;
      };
      if (navigator.onLine === false) { queue(); return; }
      post(item).then(function (response) {
        if (response.status === 201 || response.type === "opaqueredirect") {
          window.location.assign(form.getAttribute("data-thank-you"));
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

  setUpReadAloud();
  setUpTextSize();
  setUpKioskReset();
  setUpOfflineQueue();
  setUpSentenceStarters();
  registerServiceWorker();
}());
