/* Cite this case: put today's date into the reference (and, without a public address, this page's own
 * http(s) address), then offer a copy button. Without JavaScript the reference shows the catalog's
 * placeholder for the date. The reference's form and the messages come from the page (data-*), in the
 * library's language. */
(function () {
  "use strict";
  var box = document.querySelector(".cb-cite");
  if (!box) return;
  var text = box.querySelector(".cb-cite__text");
  var button = box.querySelector(".cb-cite__copy");
  var status = box.querySelector(".cb-cite__status");
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var url = box.getAttribute("data-url") || (/^https?:$/.test(location.protocol) ? location.href.split("#")[0] : "");
  var fill = function (format, values) {
    return format.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  };
  text.textContent = fill(box.getAttribute("data-format"), {
    site: box.getAttribute("data-site"), title: box.getAttribute("data-title"), cited: today,
    url: url ? fill(box.getAttribute("data-url-format"), { url: url }) : ""
  });

  function copied(ok) {
    status.textContent = box.getAttribute(ok ? "data-copied" : "data-failed");
  }
  function fallback() {
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    copied(ok);
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.textContent).then(function () { copied(true); }, fallback);
    } else {
      fallback();  // file:// bundles have no clipboard API
    }
  });
})();
