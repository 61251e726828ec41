// Starts GOV.UK Frontend's components once the page has loaded, and again on any
// part of a page that htmx swaps in (an error summary or banner then takes focus).
window.GOVUKFrontend.initAll();
document.addEventListener("htmx:load", function (event) {
  if (event.detail.elt !== document.body) {
    window.GOVUKFrontend.initAll({ scope: event.detail.elt });
  }
});

// GOV.UK's timeout warning: a modal dialog before the server's idle timeout, with a
// countdown and "Stay signed in". At the end the page reloads, and the server, which
// keeps the real clock, signs the person out and says why.
(function () {
  var dialog = document.getElementById("timeout-warning");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var warningSeconds = Number(dialog.dataset.warningSeconds);
  var countdown = dialog.querySelector("[data-countdown]");
  var announced = dialog.querySelector("[data-countdown-announced]");
  var keepForm = dialog.querySelector("[data-keep-signed-in]");
  var deadline, warningTimer, tickTimer, returnFocus;

  function inWords(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    return seconds + (seconds === 1 ? " second" : " seconds");
  }

  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    countdown.textContent = inWords(left);
    // A screen reader hears the time at the start and every 15 seconds, not every second.
    if (left % 15 === 0 || announced.textContent === "") {
      announced.textContent = "You will be signed out in " + inWords(left) + ".";
    }
    if (left === 0) {
      window.location.reload();
    }
  }

  function warn() {
    returnFocus = document.activeElement;
    announced.textContent = "";
    dialog.showModal();
    tick();
    tickTimer = window.setInterval(tick, 1000);
  }

  function schedule(secondsLeft) {
    window.clearTimeout(warningTimer);
    window.clearInterval(tickTimer);
    deadline = Date.now() + secondsLeft * 1000;
    warningTimer = window.setTimeout(warn, Math.max(0, secondsLeft - warningSeconds) * 1000);
  }

  function close() {
    window.clearInterval(tickTimer);
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocus) {
      returnFocus.focus();
    }
  }

  function staySignedIn(event) {
    if (event) {
      event.preventDefault();
    }
    fetch(keepForm.action, {
      method: "POST",
      body: new FormData(keepForm),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response);
      })
      .then(function (answer) {
        close();
        schedule(answer.seconds_left);
      })
      .catch(function () {
        window.location.reload();
      });
  }

  keepForm.addEventListener("submit", staySignedIn);
  // Escape closes a GOV.UK timeout warning and keeps the person signed in.
  dialog.addEventListener("cancel", staySignedIn);
  // A request htmx makes is activity too: the server's clock starts again.
  document.addEventListener("htmx:afterRequest", function () {
    if (!dialog.open) {
      schedule(Number(dialog.dataset.secondsLeft));
    }
  });
  schedule(Number(dialog.dataset.secondsLeft));
})();
