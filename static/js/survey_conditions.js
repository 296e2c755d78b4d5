// Progressive enhancement of the survey's conditions: a question or section with
// data-shown-when="<option id>" is shown as soon as that option is chosen. The
// server decides again on every save and send, so without this script the page
// shows the question after the next save.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".survey-form");
  if (!form) return;
  const update = () => {
    const chosen = new Set(
      Array.from(form.querySelectorAll("input[data-choice]:checked")).map((input) => input.value),
    );
    form.querySelectorAll("[data-shown-when]").forEach((element) => {
      element.hidden = !chosen.has(element.dataset.shownWhen);
    });
  };
  form.addEventListener("change", update);
});
