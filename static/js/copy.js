// The subscribe box's "Copy" button (templates/organisations/_subscribe.html). It is
// shown only where this script runs: without it the read-only address is there to
// select and copy by hand.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const input = document.getElementById(button.dataset.copy);
  const status = document.getElementById(`${button.dataset.copy}-status`);
  input.addEventListener("focus", () => input.select());
  button.hidden = false;
  button.addEventListener("click", async () => {
    input.select();
    try {
      if (navigator.clipboard) {
        await navigator.clipboard.writeText(input.value);
      } else if (!document.execCommand("copy")) {
        throw new Error("copy refused");
      }
      status.textContent = button.dataset.copied;
    } catch {
      status.textContent = button.dataset.failed;
    }
  });
}
