/* The installable web app: the service worker, and the notice shown while offline. */
(function () {
  "use strict";
  var notice = document.getElementById("luring");
  function update() {
    if (notice) notice.hidden = navigator.onLine !== false;
  }
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
