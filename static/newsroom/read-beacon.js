// Counts a read from the reader's browser, so a page served from a cache or CDN is still
// counted and the HTML render itself writes nothing. One count per article per tab session.
(function () {
  var script = document.currentScript;
  var url = script && script.getAttribute("data-read-url");
  if (!url) return;
  try {
    if (sessionStorage.getItem("read:" + url)) return;
    sessionStorage.setItem("read:" + url, "1");
  } catch (e) { /* private mode: count anyway */ }
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else if (window.fetch) {
    fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" });
  }
})();
