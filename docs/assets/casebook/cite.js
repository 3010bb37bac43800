/* 引用本案例: put today's date into the GB/T 7714 reference (and, without a public address, this page's
 * own http(s) address), then offer a copy button. Without JavaScript the reference reads [引用日期]. */
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
  text.textContent = box.getAttribute("data-site") + ". " + box.getAttribute("data-title") + "[EB/OL]. [" + today + "]" +
    (url ? ". " + url : "") + ".";

  function copied(ok) {
    status.textContent = ok ? "已复制到剪贴板" : "无法自动复制，请选中上面的文字后复制";
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
