// Marks the page as able to run the GOV.UK Frontend modules (kept out of the HTML for the CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
