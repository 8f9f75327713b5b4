// The header's account menu is a <details> element, so it opens and closes without any script.
// This only adds what people expect of a menu: Escape or a click elsewhere closes it.
(function () {
  "use strict";
  var menus = document.querySelectorAll(".account-menu");
  if (!menus.length) {
    return;
  }
  function closeAll(except) {
    menus.forEach(function (menu) {
      if (menu !== except && menu.open) {
        menu.open = false;
      }
    });
  }
  document.addEventListener("click", function (event) {
    var inside = event.target.closest && event.target.closest(".account-menu");
    closeAll(inside);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    menus.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
})();
