// Starts GOV.UK Frontend's components once the page has loaded, and again on any
// part of a page that htmx swaps in (an error summary or banner then takes focus).
window.GOVUKFrontend.initAll();
document.addEventListener("htmx:load", function (event) {
  if (event.detail.elt !== document.body) {
    window.GOVUKFrontend.initAll({ scope: event.detail.elt });
  }
});
