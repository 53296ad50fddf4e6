/*
 * 시흥뉴스룸 admin: Korean for the words django-prose-editor's dialogs ask gettext for.
 *
 * The package reads window.gettext once, when its module is evaluated; module scripts
 * run after classic ones, so this classic script (listed before body-editor.js) is in
 * place by then. Anything else still goes to Django's own catalog (admin jsi18n).
 */
(function () {
  "use strict";
  var WORDS = {
    "URL": "주소",
    "Title": "설명(마우스를 올리면 보임)",
    "Edit Link": "링크",
    "Update": "적용",
    "Cancel": "취소",
    "Insert": "넣기",
    "Insert Table": "표 넣기",
    "Table Properties": "표 속성",
    "Rows": "줄 수",
    "Columns": "칸 수",
    "Include header row": "첫 줄을 제목 줄로",
    "Yes": "예",
    "No": "아니요",
    "List properties": "목록 속성",
    "List type": "번호 모양",
    "Start at": "시작 번호",
    "Decimal numbers": "1, 2, 3",
    "Lowercase letters": "a, b, c",
    "Uppercase letters": "A, B, C",
    "Lowercase Roman numerals": "i, ii, iii",
    "Uppercase Roman numerals": "I, II, III",
    "Bullets": "글머리"
  };
  var base = window.gettext;
  window.gettext = function (text) {
    if (Object.prototype.hasOwnProperty.call(WORDS, text)) return WORDS[text];
    return base ? base(text) : text;
  };
})();
