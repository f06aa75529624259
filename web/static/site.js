// Small enhancements; every page works without this file.
(function () {
  "use strict";
  // htmx snapshots the page for the back button just before it pushes the
  // next URL, when the box already holds the next query (the typed value is
  // a property, not the attribute the snapshot keeps). Without this, going
  // back shows the old results under the new query. Write the attributes
  // from the URL being left; a typed (dirty) value on screen is unaffected.
  document.addEventListener("htmx:beforeHistorySave", function () {
    var params = new URLSearchParams(window.location.search);
    document.querySelectorAll("#q, #speaker, input[name=from], input[name=to]").forEach(function (el) {
      el.setAttribute("value", params.get(el.name) || "");
    });
  });
  // Leave empty filter fields out of the pushed URL, so it stays short enough
  // to read and share (?q=经济, not ?q=经济&from=&to=).
  document.addEventListener("htmx:configRequest", function (event) {
    ["from", "to", "speaker"].forEach(function (name) {
      if (event.detail.parameters[name] === "") delete event.detail.parameters[name];
    });
  });
  // A copy button for the citation; hidden (and unneeded) without JavaScript.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value || source.textContent).then(function () {
          button.textContent = "已复制";
        });
      });
    });
  });
})();
