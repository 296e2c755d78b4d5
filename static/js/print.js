// The results page's "Print" button (templates/surveys/results/page.html). Shown
// only where this script runs: without it the browser's own print command prints
// the same page, laid out by the print stylesheet.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
