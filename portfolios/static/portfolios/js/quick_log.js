// The quick English-practice log (templates/portfolios/log_practice.html). The form works
// without this script; it only saves taps and makes a failed save easy to put right.
(function () {
  "use strict";

  // Quick-choice buttons fill in the minutes with one tap (without this script, the input's
  // datalist still offers the same values).
  document.querySelectorAll(".quick-minutes[data-for]").forEach(function (group) {
    var input = document.getElementById(group.dataset.for);
    if (!input) {
      return;
    }
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button[value]");
      if (button) {
        input.value = button.value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  });

  // After a failed save the error summary takes the focus, so that it is seen and read out
  // first; each of its links puts the cursor in the field it names, with the field's question
  // in view.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      (target.closest(".field") || target).scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  }

  // One tap on Save saves one row: a second tap while the first is on its way does nothing.
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "true";
    });
    // A page brought back by the browser's Back button can be sent again.
    window.addEventListener("pageshow", function () {
      delete form.dataset.submitting;
    });
  });
})();
