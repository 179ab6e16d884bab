// A "Copy" button for read-only fields: <button data-copy="#field-id" data-copied="Copied" hidden>.
// The button stays hidden where the clipboard API is missing, so the page never offers what it cannot do.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const field = document.querySelector(button.dataset.copy);
    await navigator.clipboard.writeText(field.value);
    button.textContent = button.dataset.copied;
  });
});
