/* casebook: on case pages, write the page's own address into the print-only line. */
(function () {
  "use strict";
  var slot = document.querySelector("[data-cb-page-url]");
  if (slot) {
    slot.textContent = window.location.href.split("#")[0];
    slot.parentNode.hidden = false;
  }
})();
