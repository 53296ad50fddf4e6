// 링크 복사 and 인쇄 under a story. The buttons stay hidden without JavaScript, where
// they could do nothing; the share links above them work either way.
(function () {
  "use strict";
  var copy = document.querySelector("[data-copy-link]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-copy-link")).then(function () {
        copy.textContent = "복사했습니다";
        setTimeout(function () { copy.textContent = "링크 복사"; }, 2000);
      });
    });
  }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
