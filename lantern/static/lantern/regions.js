// Regions of a page that htmx swaps in place (lantern/core/htmx.py says how a page uses them).
// - A region with a data-focus attribute: after a swap that took the focus away (the link or button pressed was
//   replaced), focus moves to the element data-focus names (or the region itself), so keyboard and screen-reader
//   users land on what changed. Typing in a search box keeps its focus: its element is not replaced.
// - An answer that was redirected (a session that ran out, sent to the sign-in page) or that failed (other than
//   a form's 400, which is swapped) loads the ordinary page instead, so nothing fails silently.
(function () {
  function focusAfterSwap(region) {
    if (document.activeElement && document.activeElement !== document.body) return;
    const target = (region.dataset.focus && document.querySelector(region.dataset.focus)) || region;
    if (!target.hasAttribute("tabindex") && !target.matches("a[href], button, input, select, textarea")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  }

  function leave(detail) {
    const method = (detail.requestConfig && detail.requestConfig.verb) || "get";
    if (method === "get") {
      window.location.assign((detail.pathInfo && detail.pathInfo.finalRequestPath) || window.location.href);
    } else {
      window.location.reload();
    }
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    const asked = event.detail.pathInfo && event.detail.pathInfo.finalRequestPath;
    if (xhr && xhr.responseURL && asked) {
      const answered = new URL(xhr.responseURL);
      if (answered.pathname !== new URL(asked, window.location.href).pathname) {
        // After a POST, reload this page: it redirects to the sign-in page itself, and comes back here after.
        event.detail.shouldSwap = false;
        if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") {
          window.location.reload();
        } else {
          window.location.assign(xhr.responseURL);
        }
      }
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    const region = event.detail.target;
    if (region && region.hasAttribute("data-focus")) focusAfterSwap(region);
  });
  document.addEventListener("htmx:responseError", function (event) { leave(event.detail); });
  document.addEventListener("htmx:sendError", function (event) { leave(event.detail); });
})();
