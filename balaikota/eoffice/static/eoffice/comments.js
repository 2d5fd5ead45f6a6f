// The conversation on a letter: a refused comment (400, 404, 409) is shown in place, not
// dropped as htmx does by default; a suggested person's NIP replaces the "@…" being typed.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (event.detail.target.id !== "percakapan" || status < 400 || status >= 500) return;
  event.detail.shouldSwap = true;
  event.detail.isError = false;
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-mention]");
  if (!button) return;
  const box = document.getElementById("id_text");
  if (!box) return;
  const at = box.value.lastIndexOf("@");
  const head = at >= 0 ? box.value.slice(0, at) : box.value;
  box.value = `${head}@${button.dataset.mention} `;
  document.getElementById("sebut-saran").replaceChildren();
  box.focus();
});
