/*
 * 시흥뉴스룸 admin: the article body editor.
 *
 * No build step, no dependencies. The editor is a contenteditable area over the body
 * <textarea> (which stays the form field, so the page works without JavaScript). What
 * goes back into the textarea is cleaned to the vocabulary of articles/sanitize.py;
 * the server sanitizes again on every save, so this cleaning is for the reporter's
 * sake (a paste from Word looks like what will be stored), not for safety.
 *
 * Library pictures are stored as <figure data-image-id="N"><img data-image-id="N" alt>
 * references; the editor shows them with the library's URL, which serialization drops.
 */
(function () {
  "use strict";

  // ----- The stored vocabulary (mirror of articles/sanitize.py ALLOWED_*) -----

  var ALLOWED = {
    P: [], BR: [], H2: [], H3: [], H4: [], STRONG: [], EM: [], U: [], S: [], SUB: [], SUP: [],
    A: ["href", "title"], UL: [], OL: ["start"], LI: [], BLOCKQUOTE: [],
    FIGURE: ["data-image-id", "data-video"], FIGCAPTION: [],
    IMG: ["data-image-id", "alt"], IFRAME: ["src", "title", "allowfullscreen"],
    TABLE: [], THEAD: [], TBODY: [], TR: [], TH: ["colspan", "rowspan", "scope"],
    TD: ["colspan", "rowspan"], HR: []
  };
  // Same meaning, the one spelling we store (Chrome's execCommand writes <b> and <i>).
  var RENAME = {
    B: "strong", I: "em", H1: "h2", H5: "h4", H6: "h4", STRIKE: "s", DEL: "s", INS: "u",
    TFOOT: "tbody"
  };
  // Removed with everything inside: content no reader should get as text.
  var DROP = {
    SCRIPT: 1, STYLE: 1, TEMPLATE: 1, NOSCRIPT: 1, OBJECT: 1, EMBED: 1, APPLET: 1, HEAD: 1,
    TITLE: 1, META: 1, LINK: 1, BASE: 1, SVG: 1, MATH: 1, CANVAS: 1, VIDEO: 1, AUDIO: 1,
    SOURCE: 1, TRACK: 1, MAP: 1, FORM: 1, INPUT: 1, BUTTON: 1, SELECT: 1, TEXTAREA: 1,
    FRAME: 1, FRAMESET: 1, DIALOG: 1
  };
  // Containers that become a paragraph when they hold only inline content.
  var PARAGRAPH_LIKE = {
    DIV: 1, PRE: 1, SECTION: 1, ARTICLE: 1, HEADER: 1, FOOTER: 1, ASIDE: 1, MAIN: 1,
    NAV: 1, ADDRESS: 1, CENTER: 1, DD: 1, DT: 1
  };
  var BLOCK = {
    P: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, UL: 1, OL: 1, LI: 1, BLOCKQUOTE: 1,
    FIGURE: 1, FIGCAPTION: 1, TABLE: 1, THEAD: 1, TBODY: 1, TFOOT: 1, TR: 1, TD: 1, TH: 1,
    HR: 1, DL: 1, DIV: 1, PRE: 1, SECTION: 1, ARTICLE: 1, HEADER: 1, FOOTER: 1, ASIDE: 1,
    MAIN: 1, NAV: 1, ADDRESS: 1, CENTER: 1, DD: 1, DT: 1
  };
  var SAFE_SCHEME = /^(https?|mailto|tel):/i;
  var ANY_SCHEME = /^[a-z][a-z0-9+.\-]*:/i;

  function safeHref(value) {
    var trimmed = (value || "").trim();
    // Browsers ignore control characters and blanks inside a scheme ("java\tscript:").
    var squeezed = trimmed.replace(/[\u0000-\u0020\u007f-\u009f]+/g, "");
    if (!squeezed) return null;
    if (ANY_SCHEME.test(squeezed) && !SAFE_SCHEME.test(squeezed)) return null;
    return trimmed;
  }

  function isBlock(node) {
    return node.nodeType === 1 && BLOCK[node.tagName.toUpperCase()] === 1;
  }

  function rename(node, tag) {
    var replacement = node.ownerDocument.createElement(tag);
    while (node.firstChild) replacement.appendChild(node.firstChild);
    node.parentNode.replaceChild(replacement, node);
    return replacement;
  }

  function unwrap(node) {
    var parent = node.parentNode;
    while (node.firstChild) parent.insertBefore(node.firstChild, node);
    parent.removeChild(node);
  }

  function hasBlockDescendant(node) {
    var all = node.getElementsByTagName("*");
    for (var i = 0; i < all.length; i++) if (isBlock(all[i])) return true;
    return false;
  }

  // Where a caret sits as child indexes from the editor root: survives innerHTML copies.
  function pathOf(root, node) {
    var path = [];
    while (node && node !== root) {
      path.unshift(Array.prototype.indexOf.call(node.parentNode.childNodes, node));
      node = node.parentNode;
    }
    return node === root ? path : null;
  }

  function nodeAt(root, path) {
    var node = root;
    for (var i = 0; path && i < path.length; i++) {
      node = node.childNodes[path[i]];
      if (!node) return null;
    }
    return path ? node : null;
  }

  function boundedOffset(node, offset) {
    var length = node.nodeType === 3 ? node.data.length : node.childNodes.length;
    return Math.min(offset, length);
  }

  function providerOf(src) {
    if (/youtube/.test(src)) return "youtube";
    if (/naver/.test(src)) return "navertv";
    if (/kakao/.test(src)) return "kakaotv";
    return "video";
  }

  function Cleaner(videoPatterns) {
    this.videoPatterns = videoPatterns;
    this.dropped = { images: 0, embeds: 0 };
  }

  Cleaner.prototype.videoAllowed = function (src) {
    return this.videoPatterns.some(function (pattern) { return pattern.test(src || ""); });
  };

  Cleaner.prototype.cleanChildren = function (parent) {
    var children = Array.prototype.slice.call(parent.childNodes);
    for (var i = 0; i < children.length; i++) this.cleanNode(children[i]);
  };

  Cleaner.prototype.cleanNode = function (node) {
    if (node.nodeType === 3) {
      // contenteditable keeps typed double spaces as &nbsp;; store plain spaces.
      if (node.data.indexOf("\u00a0") !== -1) node.data = node.data.replace(/\u00a0/g, " ");
      return;
    }
    if (node.nodeType !== 1) { node.parentNode.removeChild(node); return; }
    var tag = node.tagName.toUpperCase();
    if (node.hasAttribute("data-editor-only") || DROP[tag]) {
      node.parentNode.removeChild(node);
      return;
    }
    if (tag === "IMG" && !/^\d+$/.test(node.getAttribute("data-image-id") || "")) {
      this.dropped.images++;  // only library pictures are stored (사진 button)
      node.parentNode.removeChild(node);
      return;
    }
    if (tag === "IFRAME" && !this.videoAllowed(node.getAttribute("src"))) {
      this.dropped.embeds++;
      node.parentNode.removeChild(node);
      return;
    }
    if (tag === "IFRAME" && node.parentNode.nodeName !== "FIGURE") {
      // A player pasted bare gets the figure the 동영상 button would have made.
      var holder = node.ownerDocument.createElement("figure");
      holder.setAttribute("data-video", providerOf(node.getAttribute("src")));
      node.parentNode.replaceChild(holder, node);
      holder.appendChild(node);
      this.cleanFigure(holder);
      return;
    }
    if (tag === "FIGURE") { this.cleanFigure(node); return; }
    if (tag === "FIGCAPTION") {  // a caption outside a kept figure is just a paragraph
      tag = "P";
      node = rename(node, "p");
    }
    var style = node.getAttribute("style") || "";
    // Google Docs wraps a whole copy in <b style="font-weight:normal" id="docs-internal-…">.
    if (tag === "B" && /font-weight\s*:\s*(normal|[1-4]00)/i.test(style)) {
      this.cleanChildren(node);
      unwrap(node);
      return;
    }
    if (tag === "SPAN") {  // Docs and Word mark emphasis with styles, not tags
      var bold = /font-weight\s*:\s*(bold|[6-9]00)/i.test(style);
      var italic = /font-style\s*:\s*italic/i.test(style);
      if (bold || italic) {
        var inner = rename(node, bold ? "strong" : "em");
        if (bold && italic) {
          var em = inner.ownerDocument.createElement("em");
          while (inner.firstChild) em.appendChild(inner.firstChild);
          inner.appendChild(em);
        }
        this.cleanNode(inner);
        return;
      }
    }
    if (PARAGRAPH_LIKE[tag]) {
      this.cleanChildren(node);
      if (hasBlockDescendant(node)) unwrap(node);
      else this.keepAttributes(rename(node, "p"), "P");
      return;
    }
    if (RENAME[tag]) {
      node = rename(node, RENAME[tag]);
      tag = node.tagName.toUpperCase();
    }
    if (!ALLOWED[tag]) {
      this.cleanChildren(node);
      unwrap(node);
      return;
    }
    this.keepAttributes(node, tag);
    if (/^(P|H2|H3|H4)$/.test(tag) && hasBlockDescendant(node)) {
      // Chrome's list command leaves <p><ul>…</ul></p>; a block cannot sit in a paragraph.
      this.cleanChildren(node);
      unwrap(node);
      return;
    }
    if (tag === "A" && !node.hasAttribute("href")) {
      this.cleanChildren(node);
      unwrap(node);
      return;
    }
    this.cleanChildren(node);
  };

  Cleaner.prototype.keepAttributes = function (node, tag) {
    var allowed = ALLOWED[tag] || [];
    var attributes = Array.prototype.slice.call(node.attributes);
    for (var i = 0; i < attributes.length; i++) {
      var name = attributes[i].name.toLowerCase();
      var value = attributes[i].value;
      var keep = allowed.indexOf(name) !== -1;
      if (keep && name === "href") {
        var href = safeHref(value);
        if (href === null) keep = false;
        else if (href !== value) node.setAttribute("href", href);
      }
      if (keep && name === "data-image-id") keep = /^\d+$/.test(value);
      if (keep && (name === "colspan" || name === "rowspan" || name === "start")) {
        keep = /^\d{1,3}$/.test(value);
      }
      if (!keep) node.removeAttribute(attributes[i].name);
    }
  };

  // A kept figure is rebuilt in its one stored form; anything else in it is dropped.
  Cleaner.prototype.cleanFigure = function (figure) {
    var doc = figure.ownerDocument;
    var imageId = figure.getAttribute("data-image-id") || "";
    var innerImg = figure.querySelector("img[data-image-id]") || figure.querySelector("img");
    if (!/^\d+$/.test(imageId) && innerImg) imageId = innerImg.getAttribute("data-image-id");
    if (/^\d+$/.test(imageId)) {
      var kept = doc.createElement("figure");
      kept.setAttribute("data-image-id", imageId);
      var img = doc.createElement("img");
      // data-image-id first: articles/body.py finds the reference in the stored tag.
      img.setAttribute("data-image-id", imageId);
      img.setAttribute("alt", innerImg ? innerImg.getAttribute("alt") || "" : "");
      kept.appendChild(img);
      figure.parentNode.replaceChild(kept, figure);
      return;
    }
    var iframe = figure.querySelector("iframe");
    if (iframe && this.videoAllowed(iframe.getAttribute("src"))) {
      var video = doc.createElement("figure");
      video.setAttribute("data-video", (figure.getAttribute("data-video") || "video")
        .replace(/[^a-z0-9-]/gi, "").slice(0, 20) || "video");
      var player = doc.createElement("iframe");
      player.setAttribute("src", iframe.getAttribute("src"));
      player.setAttribute("title", iframe.getAttribute("title") || "동영상");
      player.setAttribute("allowfullscreen", "");
      video.appendChild(player);
      figure.parentNode.replaceChild(video, figure);
      return;
    }
    // Any other figure (a pasted photo with its caption) keeps only its text.
    var captions = figure.querySelectorAll("figcaption");
    for (var i = 0; i < captions.length; i++) rename(captions[i], "p");
    this.cleanChildren(figure);
    unwrap(figure);
  };

  function isEmptyBlock(node) {
    if (node.nodeType !== 1) return false;
    var tag = node.tagName.toUpperCase();
    if (!/^(P|H2|H3|H4|BLOCKQUOTE|LI|UL|OL)$/.test(tag)) return false;
    if (node.querySelector("img, iframe, hr")) return false;
    return node.textContent.replace(/[\s\u00a0\u200b]/g, "") === "";
  }

  // The stored body is a run of blocks: wrap loose text, drop empty paragraphs and the
  // <br> contenteditable leaves at the end of a block.
  function normalizeBlocks(root, wrapOnly) {
    var doc = root.ownerDocument;
    var children = Array.prototype.slice.call(root.childNodes);
    var run = null;
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (isBlock(child)) { run = null; continue; }
      if (!run) {
        if (child.nodeType === 3 && !child.data.trim()) { root.removeChild(child); continue; }
        if (child.nodeType === 1 && child.tagName === "BR") { root.removeChild(child); continue; }
        run = doc.createElement("p");
        root.insertBefore(run, child);
      }
      run.appendChild(child);
    }
    if (wrapOnly) return;  // the live editor keeps the empty lines the caret may be on
    var blocks = root.querySelectorAll("p, h2, h3, h4, li, blockquote, td, th");
    for (var j = 0; j < blocks.length; j++) {
      var last = blocks[j].lastChild;
      while (last && last.nodeType === 3 && !last.data.trim() && last.previousSibling) {
        last = last.previousSibling;
      }
      while (last && last.nodeType === 1 && last.tagName === "BR" && last.previousSibling) {
        var before = last.previousSibling;
        blocks[j].removeChild(last);
        last = before;
      }
    }
    var candidates = root.querySelectorAll("p, h2, h3, h4, blockquote, li, ul, ol");
    for (var k = candidates.length - 1; k >= 0; k--) {
      if (isEmptyBlock(candidates[k]) && candidates[k].parentNode) {
        candidates[k].parentNode.removeChild(candidates[k]);
      }
    }
  }

  function cleanFragment(root, videoPatterns) {
    var cleaner = new Cleaner(videoPatterns);
    cleaner.cleanChildren(root);
    normalizeBlocks(root);
    return cleaner.dropped;
  }

  function parseHtml(html) {
    // <template> content is inert: no script runs and no image loads while we clean.
    var template = document.createElement("template");
    template.innerHTML = html || "";
    return template.content;
  }

  function escapeHtml(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function textToHtml(text) {
    return text.replace(/\r\n?/g, "\n").split(/\n{2,}/).map(function (paragraph) {
      paragraph = paragraph.trim();
      return paragraph ? "<p>" + escapeHtml(paragraph).replace(/\n/g, "<br>") + "</p>" : "";
    }).join("");
  }

  function getJson(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || "서버 오류(" + response.status + ")");
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function withQuery(url, params) {
    var query = Object.keys(params).filter(function (key) {
      return params[key] !== "" && params[key] != null;
    }).map(function (key) {
      return encodeURIComponent(key) + "=" + encodeURIComponent(params[key]);
    }).join("&");
    return url + (url.indexOf("?") === -1 ? "?" : "&") + query;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  function isComposing(event) {
    // Hangul IME: keys pressed while a syllable is being composed belong to the IME.
    return event.isComposing || event.keyCode === 229;
  }

  var serial = 0;
  var imageInfo = {};  // library id -> JSON from the images endpoint, shared by editors

  // ----- The body editor -----

  var BUTTONS = [
    { command: "heading", label: "제목(소제목)", title: "본문 속 소제목으로 바꾸기(다시 누르면 문단)", toggle: true },
    { command: "bold", label: "굵게", shortcut: "Ctrl+B", keys: "Control+B", toggle: true },
    { command: "italic", label: "기울임", shortcut: "Ctrl+I", keys: "Control+I", toggle: true },
    null,
    { command: "link", label: "링크", shortcut: "Ctrl+K", keys: "Control+K", title: "선택한 글자에 링크 걸기" },
    { command: "unlink", label: "링크 해제" },
    null,
    { command: "bulleted", label: "글머리 목록", toggle: true },
    { command: "numbered", label: "번호 목록", toggle: true },
    { command: "quote", label: "인용", toggle: true, title: "인용문으로 바꾸기(다시 누르면 문단)" },
    null,
    { command: "image", label: "사진", title: "사진 보관함에서 사진 넣기", needs: "imagesUrl" },
    { command: "video", label: "동영상", title: "유튜브·네이버TV·카카오TV 동영상 넣기", needs: "videoUrl" },
    null,
    { command: "undo", label: "실행 취소", shortcut: "Ctrl+Z", keys: "Control+Z" },
    { command: "redo", label: "다시 실행", shortcut: "Ctrl+Shift+Z", keys: "Control+Shift+Z" },
    null,
    { command: "source", label: "HTML 보기", toggle: true, title: "HTML 원문을 보고 고치기" }
  ];

  function Editor(wrapper) {
    this.id = ++serial;
    this.wrapper = wrapper;
    this.source = wrapper.querySelector("textarea");
    this.imagesUrl = wrapper.getAttribute("data-images-url") || "";
    this.videoUrl = wrapper.getAttribute("data-video-url") || "";
    this.imageAddUrl = wrapper.getAttribute("data-image-add-url") || "";
    this.videoPatterns = [];
    try {
      this.videoPatterns = JSON.parse(wrapper.getAttribute("data-video-patterns") || "[]")
        .map(function (source) { return new RegExp(source); });
    } catch (error) { /* no embeds then; the server decides on save anyway */ }
    this.range = null;
    this.sourceMode = false;
    // Our own undo history: the browser's forgets changes made outside execCommand
    // (lists, figures), and mixing the two scrambles the text.
    this.undoStack = [];
    this.redoStack = [];
    this.lastInput = { kind: "", time: 0 };
    this.build();
    this.load(this.source.value);
    this.bind();
    wrapper.classList.add("rich-text--ready");
  }

  Editor.prototype.build = function () {
    var self = this;
    var label = this.source.id && document.querySelector('label[for="' + this.source.id + '"]');
    this.name = label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "본문";

    this.toolbar = element("div", {
      role: "toolbar", "class": "rte-toolbar", "aria-label": this.name + " 편집 도구",
      "aria-controls": "rte-area-" + this.id
    });
    this.buttons = {};
    var group = element("div", { "class": "rte-group", role: "group" });
    this.toolbar.appendChild(group);
    BUTTONS.forEach(function (spec) {
      if (spec === null) {
        group = element("div", { "class": "rte-group", role: "group" });
        self.toolbar.appendChild(group);
        return;
      }
      if (spec.needs && !self[spec.needs]) return;
      var title = (spec.title || spec.label) + (spec.shortcut ? " (" + spec.shortcut + ")" : "");
      var button = element("button", {
        type: "button", "class": "rte-button rte-" + spec.command, "data-command": spec.command,
        "aria-label": spec.label, title: title, tabindex: "-1"
      }, spec.label);
      if (spec.keys) button.setAttribute("aria-keyshortcuts", spec.keys);
      if (spec.toggle) button.setAttribute("aria-pressed", "false");
      group.appendChild(button);
      self.buttons[spec.command] = button;
    });
    var first = this.toolbar.querySelector("button");
    if (first) first.setAttribute("tabindex", "0");

    this.area = element("div", {
      id: "rte-area-" + this.id, "class": "rte-area", contenteditable: "true", role: "textbox",
      "aria-multiline": "true", "aria-label": this.name, spellcheck: "true", lang: "ko",
      "aria-describedby": "rte-hint-" + this.id
    });
    this.hint = element("p", { id: "rte-hint-" + this.id, "class": "rte-hint" },
      "도구 모음으로 가려면 Alt+F10, 돌아오려면 Esc. 붙여 넣은 글은 기사에 쓸 수 있는 서식만 남습니다.");
    this.status = element("p", { "class": "rte-status", role: "status", "aria-live": "polite" });

    this.wrapper.insertBefore(this.toolbar, this.source);
    this.wrapper.insertBefore(this.area, this.source);
    this.wrapper.appendChild(this.status);
    this.wrapper.appendChild(this.hint);
    this.source.hidden = true;
    if (label) {
      label.addEventListener("click", function (event) {
        if (self.sourceMode) return;
        event.preventDefault();
        self.area.focus();
      });
    }
  };

  Editor.prototype.bind = function () {
    var self = this;
    try {
      // Enter makes <p>, not Chrome's <div>; bold/italic make tags, not style="…".
      document.execCommand("defaultParagraphSeparator", false, "p");
      document.execCommand("styleWithCSS", false, false);
    } catch (error) { /* older engines: the cleaner turns divs into paragraphs */ }

    this.toolbar.addEventListener("mousedown", function (event) {
      // Keep the caret in the text while a button is clicked.
      if (event.target.closest("button")) event.preventDefault();
    });
    this.toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-command]");
      if (button && !button.disabled) self.run(button.getAttribute("data-command"), button);
    });
    this.toolbar.addEventListener("keydown", function (event) { self.onToolbarKey(event); });

    this.area.addEventListener("beforeinput", function (event) { self.onBeforeInput(event); });
    this.area.addEventListener("input", function () { self.sync(); });
    this.area.addEventListener("keydown", function (event) { self.onKey(event); });
    this.area.addEventListener("paste", function (event) { self.onPaste(event); });
    this.area.addEventListener("drop", function (event) { self.onDrop(event); });
    // Text dragged within the editor is already clean: let the browser move it.
    this.area.addEventListener("dragstart", function () { self.dragging = true; });
    this.area.addEventListener("dragend", function () { self.dragging = false; });
    this.area.addEventListener("blur", function () { self.sync(); });
    this.area.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove-figure]");
      if (remove) {
        event.preventDefault();
        self.removeFigure(remove.closest("figure"));
      }
    });
    document.addEventListener("selectionchange", function () { self.rememberSelection(); });

    var form = this.wrapper.closest("form");
    if (form) {
      form.addEventListener("submit", function () {
        // In HTML view the textarea is what the reporter edits: send it as typed.
        if (!self.sourceMode) self.sync();
      });
    }
  };

  Editor.prototype.load = function (html) {
    var fragment = parseHtml(html);
    cleanFragment(fragment, this.videoPatterns);
    while (this.area.firstChild) this.area.removeChild(this.area.firstChild);
    this.area.appendChild(fragment);
    if (!this.area.firstChild) this.area.appendChild(parseHtml("<p><br></p>"));
    this.decorate();
  };

  Editor.prototype.serialize = function () {
    var copy = this.area.cloneNode(true);
    cleanFragment(copy, this.videoPatterns);
    return copy.innerHTML;
  };

  Editor.prototype.sync = function () {
    if (this.sourceMode) return;
    var html = this.serialize();
    if (this.source.value !== html) {
      this.source.value = html;
      // Admin scripts (e.g. "unsaved changes" helpers) listen on the real field.
      this.source.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };

  // Figures are islands in the text: not editable inside, removable as a whole.
  Editor.prototype.decorate = function () {
    var self = this;
    var missing = [];
    var figures = this.area.querySelectorAll("figure[data-image-id], figure[data-video]");
    Array.prototype.forEach.call(figures, function (figure) {
      if (figure.hasAttribute("data-rte")) return;
      figure.setAttribute("data-rte", "");
      figure.setAttribute("contenteditable", "false");
      var tools = element("span", { "class": "rte-figure-tools", "data-editor-only": "" });
      var remove = element("button", {
        type: "button", "class": "rte-figure-remove", "data-remove-figure": "",
        title: "본문에서 빼기"
      }, "빼기");
      tools.appendChild(remove);
      figure.insertBefore(tools, figure.firstChild);
      var id = figure.getAttribute("data-image-id");
      if (id) {
        figure.classList.add("rte-figure-image");
        figure.appendChild(element("figcaption", { "data-editor-only": "", "class": "rte-caption" },
          "사진 #" + id));
        remove.setAttribute("aria-label", "사진 #" + id + " 본문에서 빼기");
        if (imageInfo[id]) self.showImage(figure, imageInfo[id]);
        else missing.push(id);
      } else {
        figure.classList.add("rte-figure-video");
        remove.setAttribute("aria-label", "동영상 본문에서 빼기");
      }
    });
    if (missing.length && this.imagesUrl) {
      getJson(withQuery(this.imagesUrl, { ids: missing.join(",") })).then(function (data) {
        (data.results || []).forEach(function (info) { imageInfo[String(info.id)] = info; });
        missing.forEach(function (id) {
          var matches = self.area.querySelectorAll('figure[data-image-id="' + id + '"]');
          Array.prototype.forEach.call(matches, function (figure) {
            self.showImage(figure, imageInfo[id] || null);
          });
        });
      }).catch(function () {
        self.say("본문 사진의 미리보기를 불러오지 못했습니다. 저장에는 영향이 없습니다.");
      });
    }
  };

  Editor.prototype.showImage = function (figure, info) {
    var img = figure.querySelector("img[data-image-id]");
    var caption = figure.querySelector(".rte-caption");
    if (!info) {
      figure.classList.add("rte-missing");
      if (caption) caption.textContent = "사진 #" + figure.getAttribute("data-image-id") +
        ": 보관함에 없는 사진입니다. 독자에게는 보이지 않습니다.";
      return;
    }
    if (img && info.url) img.setAttribute("src", info.url);  // display only, never stored
    if (img && !img.getAttribute("alt") && info.alt) img.setAttribute("alt", info.alt);
    if (caption) {
      caption.textContent = [info.caption || info.alt, info.credit].filter(Boolean).join(" · ");
    }
  };

  Editor.prototype.removeFigure = function (figure) {
    if (!figure || !this.area.contains(figure)) return;
    this.area.focus({ preventScroll: true });
    this.remember();
    // Removed by hand: the browser's delete would also merge the paragraphs around it.
    var next = figure.nextElementSibling;
    if (!next || next.tagName === "FIGURE") {  // the caret needs a line it can enter
      next = document.createElement("p");
      next.appendChild(document.createElement("br"));
      figure.parentNode.insertBefore(next, figure);
    }
    figure.parentNode.removeChild(figure);
    var range = document.createRange();
    range.selectNodeContents(next);
    range.collapse(true);
    this.select(range);
    this.sync();
    this.say("본문에서 뺐습니다. 실행 취소(Ctrl+Z)로 되돌릴 수 있습니다.");
  };

  Editor.prototype.rememberSelection = function () {
    var selection = window.getSelection();
    if (!selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!this.area.contains(range.commonAncestorContainer)) return;
    this.range = range.cloneRange();
    this.updateState();
  };

  // The live selection when it is in the text; else the one saved before focus left
  // (selectionchange arrives late, so a saved range can trail fast typing).
  Editor.prototype.currentRange = function () {
    var selection = window.getSelection();
    if (selection.rangeCount) {
      var live = selection.getRangeAt(0);
      if (this.area.contains(live.commonAncestorContainer)) return live;
    }
    return this.range;
  };

  Editor.prototype.restoreSelection = function () {
    var selection = window.getSelection();
    if (document.activeElement === this.area && selection.rangeCount &&
        this.area.contains(selection.getRangeAt(0).commonAncestorContainer)) {
      return;
    }
    this.area.focus({ preventScroll: true });
    var range = this.range;
    if (!range || !this.area.contains(range.startContainer)) {
      range = document.createRange();
      range.selectNodeContents(this.area);
      range.collapse(false);
    }
    selection.removeAllRanges();
    selection.addRange(range);
  };

  Editor.prototype.select = function (range) {
    this.area.focus({ preventScroll: true });
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    this.range = range.cloneRange();
  };

  Editor.prototype.exec = function (command, value) {
    this.restoreSelection();
    this.remember();
    var done = false;
    try { done = document.execCommand(command, false, value === undefined ? null : value); }
    catch (error) { done = false; }
    this.sync();
    this.updateState();
    return done;
  };

  Editor.prototype.closest = function (selector) {
    var range = this.currentRange();
    if (!range) return null;
    var node = range.startContainer;
    if (node.nodeType !== 1) node = node.parentNode;
    var found = node && node.closest ? node.closest(selector) : null;
    return found && this.area.contains(found) ? found : null;
  };

  Editor.prototype.run = function (command, button) {
    if (this.sourceMode && command !== "source") return;
    switch (command) {
      case "heading":
        this.exec("formatBlock", this.closest("h2, h3, h4") ? "<p>" : "<h2>");
        break;
      case "bold": this.exec("bold"); break;
      case "italic": this.exec("italic"); break;
      case "link": this.askLink(button); break;
      case "unlink": this.unlink(); break;
      case "bulleted": this.toggleList("UL"); break;
      case "numbered": this.toggleList("OL"); break;
      case "quote": this.toggleQuote(); break;
      case "image": this.openPicker(button); break;
      case "video": this.askVideo(button); break;
      case "undo": this.undo(); break;
      case "redo": this.redo(); break;
      case "source": this.toggleSource(); break;
    }
  };

  // ----- History -----

  Editor.prototype.snapshot = function () {
    var range = this.currentRange();
    var snap = { html: this.area.innerHTML, start: null, end: null };
    if (range && this.area.contains(range.startContainer)) {
      snap.start = [pathOf(this.area, range.startContainer), range.startOffset];
      snap.end = [pathOf(this.area, range.endContainer), range.endOffset];
    }
    return snap;
  };

  // Call before changing the text: keeps the state to go back to.
  Editor.prototype.remember = function () {
    var snap = this.snapshot();
    var last = this.undoStack[this.undoStack.length - 1];
    if (!last || last.html !== snap.html) {
      this.undoStack.push(snap);
      if (this.undoStack.length > 200) this.undoStack.shift();
    }
    this.redoStack = [];
  };

  Editor.prototype.restore = function (snap) {
    this.area.innerHTML = snap.html;  // our own earlier DOM, already cleaned
    var start = snap.start && nodeAt(this.area, snap.start[0]);
    var end = snap.end && nodeAt(this.area, snap.end[0]);
    this.area.focus({ preventScroll: true });
    if (start && end) {
      var range = document.createRange();
      range.setStart(start, boundedOffset(start, snap.start[1]));
      range.setEnd(end, boundedOffset(end, snap.end[1]));
      this.select(range);
    }
    this.sync();
    this.updateState();
  };

  Editor.prototype.undo = function () {
    if (this.sourceMode) return;
    var current = this.snapshot();
    var previous = this.undoStack.pop();
    while (previous && previous.html === current.html) previous = this.undoStack.pop();
    if (!previous) { this.say("더 되돌릴 것이 없습니다."); return; }
    this.redoStack.push(current);
    this.restore(previous);
  };

  Editor.prototype.redo = function () {
    if (this.sourceMode) return;
    var next = this.redoStack.pop();
    if (!next) { this.say("다시 실행할 것이 없습니다."); return; }
    this.undoStack.push(this.snapshot());
    this.restore(next);
  };

  // Typing is grouped into words and pauses, so 실행 취소 does not go letter by letter.
  Editor.prototype.onBeforeInput = function (event) {
    var kind = event.inputType || "";
    if (kind === "historyUndo" || kind === "historyRedo") {
      event.preventDefault();
      if (kind === "historyUndo") this.undo(); else this.redo();
      return;
    }
    var now = Date.now();
    var typing = /^(insertText|insertCompositionText|deleteContentBackward|deleteContentForward)$/.test(kind);
    if (!typing || kind !== this.lastInput.kind || now - this.lastInput.time > 1500 ||
        event.data === " ") {
      this.remember();
    }
    this.lastInput = { kind: kind, time: now };
  };

  // ----- Lists, done by hand: Chrome's list commands nest <ul> in <p> and lose the caret -----

  Editor.prototype.selectedLines = function (range) {
    var lines = Array.prototype.filter.call(
      this.area.querySelectorAll("p, h2, h3, h4, li"),
      function (line) {
        return range.intersectsNode(line) && !line.querySelector("p, h2, h3, h4, li");
      });
    return lines;
  };

  Editor.prototype.toggleList = function (type) {
    this.restoreSelection();
    this.remember();
    var range = this.currentRange();
    if (!range) return;
    var saved = [range.startContainer, range.startOffset, range.endContainer, range.endOffset];
    var lines = this.selectedLines(range);
    if (!lines.length) {  // the caret sits in loose text: make it a paragraph first
      normalizeBlocks(this.area, true);
      range = this.currentRange() || range;
      lines = this.selectedLines(range);
      if (!lines.length) return;
    }
    var replaced = new Map();
    var allInType = lines.every(function (line) {
      return line.tagName === "LI" && line.parentNode.tagName === type;
    });
    if (allInType) {
      lines.forEach(function (li) { replaced.set(li, liftItem(li)); });
    } else {
      lines.forEach(function (line) {
        if (line.tagName === "LI") {
          if (line.parentNode.tagName !== type) {
            replaced.set(line.parentNode, rename(line.parentNode, type.toLowerCase()));
          }
          return;
        }
        // Join the list just before (the previous line, already moved); else start one.
        var list = line.previousElementSibling;
        if (!list || list.tagName !== type) {
          list = document.createElement(type.toLowerCase());
          line.parentNode.insertBefore(list, line);
        }
        var item = document.createElement("li");
        while (line.firstChild) item.appendChild(line.firstChild);
        list.appendChild(item);
        line.parentNode.removeChild(line);
        replaced.set(line, item);
      });
    }
    var start = replaced.get(saved[0]) || saved[0];
    var end = replaced.get(saved[2]) || saved[2];
    if (this.area.contains(start) && this.area.contains(end)) {
      var after = document.createRange();
      after.setStart(start, boundedOffset(start, saved[1]));
      after.setEnd(end, boundedOffset(end, saved[3]));
      this.select(after);
    }
    this.sync();
    this.updateState();
  };

  // Turn one list item back into a paragraph, splitting its list around it.
  function liftItem(li) {
    var list = li.parentNode;
    var tail = null;
    while (li.nextSibling) {
      if (!tail) tail = list.cloneNode(false);
      tail.appendChild(li.nextSibling);
    }
    if (tail) {
      if (tail.tagName === "OL") tail.removeAttribute("start");
      list.parentNode.insertBefore(tail, list.nextSibling);
    }
    var paragraph = document.createElement("p");
    while (li.firstChild) paragraph.appendChild(li.firstChild);
    if (!paragraph.firstChild) paragraph.appendChild(document.createElement("br"));
    list.parentNode.insertBefore(paragraph, list.nextSibling);
    list.removeChild(li);
    if (!list.firstElementChild) list.parentNode.removeChild(list);
    return paragraph;
  }

  Editor.prototype.toggleQuote = function () {
    var quote = this.closest("blockquote");
    if (!quote) { this.exec("formatBlock", "<blockquote>"); return; }
    this.exec("formatBlock", "<p>");
    quote = this.closest("blockquote");
    if (quote) {  // a pasted quote holding paragraphs: lift them out
      var parent = quote.parentNode;
      while (quote.firstChild) parent.insertBefore(quote.firstChild, quote);
      parent.removeChild(quote);
      normalizeBlocks(this.area, true);
      this.sync();
      this.updateState();
    }
  };

  Editor.prototype.updateState = function () {
    if (this.sourceMode) return;
    var inArea = document.activeElement === this.area;
    var state = {
      heading: !!this.closest("h2, h3, h4"),
      bulleted: !!this.closest("ul"),
      numbered: !!this.closest("ol"),
      quote: !!this.closest("blockquote"),
      bold: inArea ? document.queryCommandState("bold") : !!this.closest("strong, b"),
      italic: inArea ? document.queryCommandState("italic") : !!this.closest("em, i")
    };
    var list = this.closest("ul, ol");
    if (list) {  // only the innermost list counts
      state.bulleted = list.tagName === "UL";
      state.numbered = list.tagName === "OL";
    }
    for (var command in state) {
      if (this.buttons[command]) {
        this.buttons[command].setAttribute("aria-pressed", state[command] ? "true" : "false");
      }
    }
  };

  Editor.prototype.onKey = function (event) {
    if (isComposing(event)) return;
    var mod = event.ctrlKey || event.metaKey;
    var key = (event.key || "").toLowerCase();
    if (event.altKey && event.key === "F10") {
      event.preventDefault();
      this.focusToolbar();
      return;
    }
    if (!mod || event.altKey) return;
    if (key === "z" && !event.shiftKey) { event.preventDefault(); this.undo(); }
    else if ((key === "z" && event.shiftKey) || key === "y") { event.preventDefault(); this.redo(); }
    else if (key === "b" && !event.shiftKey) { event.preventDefault(); this.run("bold"); }
    else if (key === "i" && !event.shiftKey) { event.preventDefault(); this.run("italic"); }
    else if (key === "k" && !event.shiftKey) { event.preventDefault(); this.run("link", this.buttons.link); }
    else if (key === "u") { event.preventDefault(); }  // underline is not a newspaper style
  };

  Editor.prototype.focusToolbar = function () {
    var current = this.toolbar.querySelector('button[tabindex="0"]') ||
      this.toolbar.querySelector("button");
    if (current) current.focus();
  };

  // ARIA toolbar pattern: one tab stop, arrow keys move between buttons.
  Editor.prototype.onToolbarKey = function (event) {
    var buttons = Array.prototype.filter.call(this.toolbar.querySelectorAll("button"),
      function (button) { return !button.disabled; });
    var index = buttons.indexOf(document.activeElement);
    if (index === -1) return;
    var next = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = (index + 1) % buttons.length;
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    else if (event.key === "Escape") {
      event.preventDefault();
      if (!this.sourceMode) this.restoreSelection();
      else this.source.focus();
      return;
    }
    if (next === null) return;
    event.preventDefault();
    buttons[index].setAttribute("tabindex", "-1");
    buttons[next].setAttribute("tabindex", "0");
    buttons[next].focus();
  };

  Editor.prototype.say = function (message) {
    var status = this.status;
    status.textContent = "";
    // A fresh text node makes screen readers announce the same message twice in a row.
    window.setTimeout(function () { status.textContent = message; }, 30);
  };

  Editor.prototype.insertClean = function (html) {
    var fragment = parseHtml(html);
    var dropped = cleanFragment(fragment, this.videoPatterns);
    var holder = document.createElement("div");
    holder.appendChild(fragment);
    if (holder.innerHTML) this.exec("insertHTML", holder.innerHTML);
    this.decorate();
    var notes = [];
    if (dropped.images) notes.push("사진 " + dropped.images + "장은 빠졌습니다. 사진은 [사진] 버튼으로 보관함에서 넣어 주세요.");
    if (dropped.embeds) notes.push("허용되지 않은 삽입물 " + dropped.embeds + "개가 빠졌습니다.");
    if (notes.length) this.say(notes.join(" "));
  };

  Editor.prototype.onPaste = function (event) {
    var data = event.clipboardData;
    if (!data) return;  // very old browsers paste as they like; the server cleans on save
    event.preventDefault();
    var html = data.getData("text/html");
    this.insertClean(html ? html : textToHtml(data.getData("text/plain") || ""));
  };

  Editor.prototype.onDrop = function (event) {
    var data = event.dataTransfer;
    if (!data || this.dragging) {
      if (this.dragging) this.remember();
      return;
    }
    event.preventDefault();
    if (data.files && data.files.length) {
      this.say("사진 파일은 먼저 사진 보관함에 올린 뒤 [사진] 버튼으로 넣어 주세요.");
      return;
    }
    if (document.caretRangeFromPoint) {
      var range = document.caretRangeFromPoint(event.clientX, event.clientY);
      if (range && this.area.contains(range.startContainer)) this.select(range);
    }
    var html = data.getData("text/html");
    this.insertClean(html ? html : textToHtml(data.getData("text/plain") || ""));
  };

  // Block embeds go between paragraphs, never inside one.
  Editor.prototype.insertBlock = function (html) {
    this.restoreSelection();
    this.remember();
    var block = this.closest("p, h2, h3, h4, blockquote, ul, ol, table, figure");
    while (block && block.parentNode !== this.area) block = block.parentNode;
    var paragraph = "<p><br></p>";
    if (block && isEmptyBlock(block)) {
      var range = document.createRange();
      range.selectNode(block);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    } else if (block) {
      var after = document.createRange();
      after.setStartAfter(block);
      after.collapse(true);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(after);
    }
    var before = this.area.querySelectorAll("figure").length;
    document.execCommand("insertHTML", false, html + paragraph);
    if (this.area.querySelectorAll("figure").length === before) {
      // The browser refused (rare): append rather than lose the reporter's choice.
      this.area.appendChild(parseHtml(html + paragraph));
    }
    normalizeEditorFigures(this.area);
    this.decorate();
    this.sync();
  };

  // Some engines nest an inserted figure inside the paragraph it was dropped into.
  function normalizeEditorFigures(area) {
    var nested = area.querySelectorAll("p > figure, h2 > figure, h3 > figure, h4 > figure");
    Array.prototype.forEach.call(nested, function (figure) {
      var holder = figure.parentNode;
      holder.parentNode.insertBefore(figure, holder.nextSibling);
      if (isEmptyBlock(holder)) holder.parentNode.removeChild(holder);
    });
  }

  Editor.prototype.insertImage = function (info) {
    imageInfo[String(info.id)] = info;
    var id = String(info.id);
    var html = '<figure data-image-id="' + id + '"><img data-image-id="' + id + '" alt="' +
      escapeHtml(info.alt) + '" src="' + escapeHtml(info.url) + '"></figure>';
    this.insertBlock(html);
    this.say("사진을 넣었습니다: " + (info.caption || info.alt || "#" + id));
  };

  Editor.prototype.insertVideo = function (video) {
    var html = '<figure data-video="' + escapeHtml(video.provider) + '"><iframe src="' +
      escapeHtml(video.embed_url) + '" title="' + escapeHtml(video.title) +
      '" allowfullscreen></iframe></figure>';
    this.insertBlock(html);
    this.say(video.title + "을 넣었습니다.");
  };

  Editor.prototype.toggleSource = function () {
    var button = this.buttons.source;
    var self = this;
    if (!this.sourceMode) {
      this.sync();
      this.sourceMode = true;
      this.area.hidden = true;
      this.source.hidden = false;
      this.source.focus();
    } else {
      this.sourceMode = false;
      this.remember();
      this.load(this.source.value);
      this.source.hidden = true;
      this.area.hidden = false;
      this.sync();
      this.area.focus();
    }
    button.setAttribute("aria-pressed", this.sourceMode ? "true" : "false");
    button.textContent = this.sourceMode ? "편집기로 돌아가기" : "HTML 보기";
    Object.keys(this.buttons).forEach(function (command) {
      if (command !== "source") self.buttons[command].disabled = self.sourceMode;
      // The toolbar's one tab stop must not sit on a disabled button.
      self.buttons[command].setAttribute("tabindex", command === "source" ? "0" : "-1");
    });
    this.wrapper.classList.toggle("rich-text--source", this.sourceMode);
  };

  Editor.prototype.unlink = function () {
    var link = this.closest("a");
    var current = this.currentRange();
    if (link && current && current.collapsed) {
      var range = document.createRange();
      range.selectNodeContents(link);
      this.select(range);
    }
    this.exec("unlink");
  };

  Editor.prototype.askLink = function (button) {
    var self = this;
    var link = this.closest("a");
    var current = this.currentRange();
    if (current) this.range = current.cloneRange();  // the dialog is about to take focus
    var selected = current && !current.collapsed;
    if (!link && !selected) {
      this.say("링크를 걸 글자를 먼저 선택하세요.");
      this.restoreSelection();
      return;
    }
    if (link && !selected) {
      var range = document.createRange();
      range.selectNodeContents(link);
      this.range = range;
    }
    askUrl({
      title: "링크",
      label: "연결할 주소(URL)",
      value: link ? link.getAttribute("href") : "",
      placeholder: "https://",
      help: "웹 주소, 또는 mailto:메일주소, tel:전화번호",
      opener: button,
      check: function (value) {
        var url = value.trim();
        if (url && !ANY_SCHEME.test(url) && !/^[\/#?]/.test(url)) url = "https://" + url;
        if (!url || safeHref(url) === null) {
          return Promise.reject(new Error("http, https, mailto, tel 주소만 링크로 걸 수 있습니다."));
        }
        return Promise.resolve(url);
      }
    }).then(function (url) {
      if (url) self.exec("createLink", url);
      else self.restoreSelection();
    });
  };

  Editor.prototype.askVideo = function (button) {
    var self = this;
    askUrl({
      title: "동영상 넣기",
      label: "동영상 페이지 주소",
      placeholder: "https://www.youtube.com/watch?v=…",
      help: "유튜브(youtube.com, youtu.be), 네이버TV(tv.naver.com/v/…), 카카오TV(tv.kakao.com/v/…) 주소를 붙여 넣으세요.",
      opener: button,
      check: function (value) {
        if (!value.trim()) return Promise.reject(new Error("주소를 입력하세요."));
        return getJson(withQuery(self.videoUrl, { url: value.trim() })).catch(function (error) {
          throw error.status ? error : new Error("서버에 연결하지 못했습니다. 잠시 후 다시 시도하세요.");
        });
      }
    }).then(function (video) {
      if (video) self.insertVideo(video);
      else self.restoreSelection();
    });
  };

  // ----- A small URL dialog (link, video): keyboard friendly, errors shown in place -----

  function askUrl(options) {
    return new Promise(function (resolve) {
      var id = "rte-dialog-" + (++serial);
      var dialog = element("dialog", { "class": "rte-dialog", "aria-labelledby": id + "-title" });
      var form = element("form", { method: "dialog" });
      form.appendChild(element("h2", { id: id + "-title" }, options.title));
      var label = element("label", { "for": id + "-input" }, options.label);
      var input = element("input", {
        id: id + "-input", type: "text", inputmode: "url", autocomplete: "off",
        spellcheck: "false", placeholder: options.placeholder || "",
        "aria-describedby": id + "-help " + id + "-error"
      });
      input.value = options.value || "";
      var help = element("p", { id: id + "-help", "class": "help" }, options.help || "");
      var error = element("p", { id: id + "-error", "class": "rte-error", role: "alert" });
      var actions = element("div", { "class": "rte-dialog-actions" });
      var ok = element("button", { type: "submit", "class": "default" }, "넣기");
      var cancel = element("button", { type: "button" }, "취소");
      actions.appendChild(ok);
      actions.appendChild(cancel);
      [label, input, help, error, actions].forEach(function (node) { form.appendChild(node); });
      dialog.appendChild(form);
      // Outside the article form, so Enter here never submits the article.
      document.body.appendChild(dialog);

      var settled = false;
      function finish(value) {
        if (settled) return;
        settled = true;
        if (dialog.open && dialog.close) dialog.close();
        dialog.remove();
        resolve(value);
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        ok.disabled = true;
        error.textContent = "";
        options.check(input.value).then(finish, function (problem) {
          ok.disabled = false;
          error.textContent = problem.message;
          input.setAttribute("aria-invalid", "true");
          input.focus();
        });
      });
      cancel.addEventListener("click", function () { finish(null); });
      dialog.addEventListener("cancel", function (event) { event.preventDefault(); finish(null); });
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      input.focus();
      input.select();
    });
  }

  // ----- The library picker -----

  Editor.prototype.openPicker = function (button) {
    if (!this.picker) this.picker = new Picker(this);
    this.picker.open(button);
  };

  function Picker(editor) {
    var self = this;
    var id = "rte-picker-" + editor.id;
    this.editor = editor;
    this.page = 1;
    this.request = 0;
    this.dialog = element("dialog", { "class": "rte-picker", "aria-labelledby": id + "-title" });
    var head = element("div", { "class": "rte-picker-head" });
    head.appendChild(element("h2", { id: id + "-title" }, "사진 넣기"));
    var close = element("button", { type: "button", "class": "rte-picker-close", "aria-label": "닫기", title: "닫기" }, "닫기");
    head.appendChild(close);
    var search = element("div", { "class": "rte-picker-search", role: "search" });
    search.appendChild(element("label", { "for": id + "-q" }, "사진 찾기"));
    this.input = element("input", {
      id: id + "-q", type: "search", autocomplete: "off",
      placeholder: "설명, 대체 텍스트, 출처(예: 홍길동)로 찾기"
    });
    search.appendChild(this.input);
    this.status = element("p", { "class": "rte-picker-status", role: "status", "aria-live": "polite" });
    this.grid = element("ul", { "class": "rte-picker-grid", "aria-label": "사진 목록" });
    var pages = element("div", { "class": "rte-picker-pages" });
    this.previous = element("button", { type: "button" }, "‹ 이전");
    this.position = element("span", { "class": "rte-picker-position" });
    this.next = element("button", { type: "button" }, "다음 ›");
    pages.appendChild(this.previous);
    pages.appendChild(this.position);
    pages.appendChild(this.next);
    [head, search, this.status, this.grid, pages].forEach(function (node) {
      self.dialog.appendChild(node);
    });
    if (editor.imageAddUrl) {
      var note = element("p", { "class": "help" }, "보관함에 없는 사진은 ");
      note.appendChild(element("a", { href: editor.imageAddUrl, target: "_blank", rel: "noopener" },
        "새 창에서 사진을 올린 뒤"));
      note.appendChild(document.createTextNode(" 다시 찾으세요."));
      this.dialog.appendChild(note);
    }
    // Outside the article form: Enter in the search box must not save the article.
    document.body.appendChild(this.dialog);

    var timer = null;
    this.input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.load(1); }, 250);
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !isComposing(event)) {
        event.preventDefault();
        window.clearTimeout(timer);
        self.load(1);
      }
    });
    close.addEventListener("click", function () { self.close(true); });
    this.previous.addEventListener("click", function () { self.load(self.page - 1); });
    this.next.addEventListener("click", function () { self.load(self.page + 1); });
    this.grid.addEventListener("click", function (event) {
      var choice = event.target.closest("button[data-index]");
      if (!choice) return;
      var info = self.results[Number(choice.getAttribute("data-index"))];
      self.close();
      self.editor.insertImage(info);
    });
    this.dialog.addEventListener("close", function () {
      if (self.opener) self.opener.focus();
      self.opener = null;
    });
  }

  Picker.prototype.open = function (opener) {
    this.opener = opener || null;
    if (typeof this.dialog.showModal === "function") this.dialog.showModal();
    else this.dialog.setAttribute("open", "");
    this.input.focus();
    this.load(this.page);
  };

  Picker.prototype.close = function (backToOpener) {
    // After a choice the editor takes focus back itself; otherwise the button does.
    if (!backToOpener) this.opener = null;
    if (this.dialog.open && this.dialog.close) this.dialog.close();
    else this.dialog.removeAttribute("open");
  };

  Picker.prototype.load = function (page) {
    var self = this;
    var ticket = ++this.request;
    var query = this.input.value.trim();
    this.status.textContent = "불러오는 중…";
    this.dialog.setAttribute("aria-busy", "true");
    getJson(withQuery(this.editor.imagesUrl, { q: query, page: Math.max(1, page) }))
      .then(function (data) {
        if (ticket !== self.request) return;  // an older search answering late
        self.render(data);
      })
      .catch(function (error) {
        if (ticket !== self.request) return;
        self.status.textContent = error.status === 403 ? error.message
          : "사진 목록을 불러오지 못했습니다. 잠시 후 다시 시도하세요.";
      })
      .then(function () { self.dialog.removeAttribute("aria-busy"); });
  };

  Picker.prototype.render = function (data) {
    var self = this;
    this.results = data.results || [];
    this.page = data.page || 1;
    while (this.grid.firstChild) this.grid.removeChild(this.grid.firstChild);
    this.results.forEach(function (info, index) {
      imageInfo[String(info.id)] = info;
      var item = element("li");
      var describe = info.caption || info.alt || "설명 없는 사진";
      var choice = element("button", {
        type: "button", "data-index": String(index),
        "aria-label": "이 사진 넣기: " + describe + (info.credit ? " (" + info.credit + ")" : "")
      });
      choice.appendChild(element("img", { src: info.thumbnail || info.url, alt: "", loading: "lazy" }));
      choice.appendChild(element("span", { "class": "rte-picker-caption" }, describe));
      if (info.credit) choice.appendChild(element("span", { "class": "rte-picker-credit" }, info.credit));
      item.appendChild(choice);
      self.grid.appendChild(item);
    });
    var query = data.query ? "‘" + data.query + "’ " : "";
    this.status.textContent = data.count
      ? query + "사진 " + data.count + "장 중 " + this.results.length + "장을 보여 줍니다."
      : query + "찾는 사진이 없습니다.";
    this.position.textContent = data.num_pages > 1 ? this.page + " / " + data.num_pages + "쪽" : "";
    this.previous.disabled = !data.has_previous;
    this.next.disabled = !data.has_next;
    this.previous.hidden = this.next.hidden = data.num_pages <= 1;
  };


  // ----- Start -----

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-rich-text]"), function (wrapper) {
      if (wrapper.hasAttribute("data-rich-text-ready") || !wrapper.querySelector("textarea")) return;
      wrapper.setAttribute("data-rich-text-ready", "");
      new Editor(wrapper);
    });
  }

  // Exposed for tests and for pages that add editors later.
  window.newsroomEditor = { start: start, cleanHtml: function (html, patterns) {
    var fragment = parseHtml(html);
    cleanFragment(fragment, (patterns || []).map(function (p) { return new RegExp(p); }));
    var holder = document.createElement("div");
    holder.appendChild(fragment);
    return holder.innerHTML;
  } };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
