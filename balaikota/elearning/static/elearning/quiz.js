// The quiz page's countdown: starts from the seconds the server computed; the server decides.
document.addEventListener("DOMContentLoaded", () => {
  const shown = document.getElementById("sisa-waktu");
  if (!shown) return;
  const end = Date.now() + Number(shown.dataset.secondsLeft) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    shown.textContent = `${minutes}:${seconds}`;
    if (left === 0) {
      clearInterval(timer);
      // The server closes the attempt a few seconds after its deadline, then shows the result.
      setTimeout(() => window.location.reload(), 12000);
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
});

// A refused answer (400, 409) is shown beside its question, not dropped as htmx does by default;
// a 409 means the attempt was closed (time over): show its result shortly.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (!event.detail.target.id.startsWith("simpan-") || status < 400 || status >= 500) return;
  event.detail.shouldSwap = true;
  event.detail.isError = false;
  if (status === 409) setTimeout(() => window.location.reload(), 3000);
});
