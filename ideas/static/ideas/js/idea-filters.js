// The idea listing's facets ([data-idea-filters], a <details>): folded away on a phone, so the
// results come first, and open beside the results wherever the screen matches data-open-from
// (the same width at which the stylesheet puts them side by side).
(function () {
  "use strict";
  var filters = document.querySelector("[data-idea-filters]");
  if (!filters || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia(filters.getAttribute("data-open-from") || "(min-width: 52rem)");
  function follow() {
    filters.open = wide.matches;
  }
  follow();
  if (wide.addEventListener) {
    wide.addEventListener("change", follow);
  }
})();
