// Review screen shortcuts: a key shown beside a theme ticks or unticks it, Enter saves.
// The page works without this file: every checkbox and the button are plain form controls.
(function () {
  "use strict";
  var form = document.querySelector("[data-review-form]");
  if (!form) {
    return;
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "textarea" || tag === "select" || (tag === "input" && target.type === "text")) {
      return;
    }
    if (event.key === "Enter" && tag !== "a" && tag !== "button") {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
      return;
    }
    var box = form.querySelector('input[data-key="' + event.key.toLowerCase() + '"]');
    if (box) {
      event.preventDefault();
      box.checked = !box.checked;
      box.focus();
    }
  });
})();
