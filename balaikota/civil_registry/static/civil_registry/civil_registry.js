/* A submit button is disabled after the first click, so a double tap sends one request (the
   server's idempotency key is the real guard). */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains("submit-once")) { return; }
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
/* Move focus to the error summary so screen readers announce it. */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("#ringkasan-galat-kotak, [role=alert][tabindex='-1']");
  if (summary) { summary.focus(); }
});
