// The admin's autocomplete for several values (select2) types into a search box
// that has no label of its own: give it the label of the field it belongs to, also
// when select2 draws it anew after a choice.
(function () {
  "use strict";
  function label() {
    document.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var name = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var search = container && container.querySelector(".select2-search__field");
      if (name && search && !search.hasAttribute("aria-label")) {
        search.setAttribute("aria-label", name.textContent.trim().replace(/:$/, ""));
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    label();
    new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
  });
})();
