// The facilitator's page: refresh the number of responses every few seconds.
(function () {
  "use strict";
  var count = document.querySelector("[data-kiosk-count]");
  if (!count || !window.fetch) {
    return;
  }
  var refresh = function () {
    window.fetch(count.getAttribute("data-kiosk-count"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && count.textContent !== data.text) {
          count.textContent = data.text;
        }
        if (data && data.open) {
          window.setTimeout(refresh, 5000);
        }
      }, function () { window.setTimeout(refresh, 10000); });
  };
  window.setTimeout(refresh, 5000);
}());
