/*
 * The similar-ideas panel of the idea editor (ideas.similar.SimilarIdeasPanel): while the author
 * types a title, ask the admin look-up for ideas with a similar title and list them.
 * Waits until typing pauses, and drops answers to titles that have since changed.
 */
(function () {
  "use strict";

  var DELAY_MS = 350;
  var MIN_LENGTH = 3;

  function setUp(panel) {
    var input = document.getElementById(panel.dataset.titleInput);
    var found = panel.querySelector("[data-similar-ideas-found]");
    var list = panel.querySelector("[data-similar-ideas-list]");
    if (!input || !found || !list) {
      return;
    }
    var timer = null;
    var latest = 0;

    function show(ideas) {
      list.replaceChildren();
      ideas.slice(0, 5).forEach(function (idea) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = idea.edit_url || idea.url || "#";
        link.textContent = idea.title;
        link.target = "_blank";
        link.rel = "noopener";
        var status = document.createElement("span");
        status.className = "similar-ideas__status";
        status.textContent = " (" + idea.status_label + ")";
        item.append(link, status);
        list.append(item);
      });
      found.hidden = ideas.length === 0;
    }

    function look() {
      var title = input.value.trim();
      var asked = ++latest;
      if (title.length < MIN_LENGTH) {
        show([]);
        return;
      }
      var params = new URLSearchParams({ title: title });
      if (panel.dataset.exclude) {
        params.set("exclude", panel.dataset.exclude);
      }
      fetch(panel.dataset.endpoint + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { ideas: [] };
        })
        .then(function (data) {
          if (asked === latest) {
            show(data.ideas || []);
          }
        })
        .catch(function () {
          // Suggestions are a help, never in the way: on any error the list stays empty.
          if (asked === latest) {
            show([]);
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(look, DELAY_MS);
    });
    if (input.value.trim()) {
      look();
    }
  }

  function setUpAll() {
    document.querySelectorAll("[data-similar-ideas]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
