// Live progress of an audit: fetch this very page every second and swap its status in place.
// Without script the page refreshes itself (<noscript> meta refresh); this only makes it smoother.
// When the audit is done the server answers with a redirect to the report, which is followed.
(function () {
  "use strict";
  var status = document.getElementById("run-status");
  if (!status) { return; }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.redirected) { window.location.assign(response.url); return null; }
        return response.ok ? response.text() : null;
      })
      .then(function (text) {
        if (text === null) { return; }
        var page = new DOMParser().parseFromString(text, "text/html");
        var fresh = page.getElementById("run-status");
        if (!fresh) { return; }
        status.replaceChildren.apply(status, Array.prototype.slice.call(fresh.childNodes));
        status.setAttribute("data-status", fresh.getAttribute("data-status") || "");
        if (fresh.getAttribute("data-status") === "running") { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (status.getAttribute("data-status") === "running") { window.setTimeout(poll, 1000); }
})();
