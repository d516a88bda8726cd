// Live progress of an audit: fetch this very page every second and swap its status in place.
// Without script the page refreshes itself (<noscript> meta refresh); this only makes it smoother.
// When the audit is done the server answers with a redirect to the report, which is followed
// in place of this page: Back from the report must not land here and be sent to it again.
// The status is swapped silently; the live region (#run-live) is told only its short line, and
// only when it changes, so that a screen reader hears "2 of 3" once, not the whole list again.
(function () {
  "use strict";
  var status = document.getElementById("run-status");
  var live = document.getElementById("run-live");
  if (!status || !live) { return; }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.redirected) { window.location.replace(response.url); return null; }
        return response.ok ? response.text() : null;
      })
      .then(function (text) {
        if (text === null) { return; }
        var page = new DOMParser().parseFromString(text, "text/html");
        var fresh = page.getElementById("run-status");
        var freshLive = page.getElementById("run-live");
        if (!fresh) { return; }
        var state = fresh.getAttribute("data-status") || "";
        status.replaceChildren.apply(status, Array.prototype.slice.call(fresh.childNodes));
        status.setAttribute("data-status", state);
        if (freshLive && freshLive.textContent !== live.textContent) {
          live.textContent = freshLive.textContent;
        }
        if (state === "running") {
          window.setTimeout(poll, 1000);
        } else {
          // The run stopped: its heading takes the focus, as after a full page load.
          var heading = document.getElementById("run-failed");
          if (heading) { heading.focus(); }
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (status.getAttribute("data-status") === "running") { window.setTimeout(poll, 1000); }
})();
