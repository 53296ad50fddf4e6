/*
 * 시흥뉴스룸 admin: suggestions of existing tags under the tags field.
 *
 * The field stays taggit's comma-separated text input (it works without JavaScript);
 * this adds a listbox of existing tags for the token around the caret, fetched from
 * ArticleAdmin's editor/tags/ endpoint (articles/editor.py tag_search).
 */
(function () {
  "use strict";

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

  // ----- Tags: suggestions for the token being typed -----

  function TagAutocomplete(wrapper) {
    var self = this;
    this.url = wrapper.getAttribute("data-url");
    this.input = wrapper.querySelector("input");
    this.options = [];
    this.active = -1;
    this.request = 0;
    var id = (this.input.id || "tags") + "-suggestions";
    this.list = element("ul", { id: id, role: "listbox", "class": "tag-suggestions", "aria-label": "추천 태그" });
    this.list.hidden = true;
    this.live = element("span", { "class": "tag-suggestions-status", role: "status", "aria-live": "polite" });
    wrapper.appendChild(this.list);
    wrapper.appendChild(this.live);
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", id);
    this.input.setAttribute("autocomplete", "off");

    var timer = null;
    this.input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.suggest(); }, 150);
    });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 100);
    });
    this.list.addEventListener("mousedown", function (event) {
      event.preventDefault();  // keep focus in the input
      var option = event.target.closest("[role=option]");
      if (option) self.choose(Number(option.getAttribute("data-index")));
    });
  }

  // taggit reads "a, b" as comma-separated; the token is the part around the caret.
  TagAutocomplete.prototype.token = function () {
    var value = this.input.value;
    var caret = this.input.selectionStart == null ? value.length : this.input.selectionStart;
    var start = value.lastIndexOf(",", caret - 1) + 1;
    var end = value.indexOf(",", caret);
    if (end === -1) end = value.length;
    return { start: start, end: end, text: value.slice(start, end).trim().replace(/^"|"$/g, "").trim() };
  };

  TagAutocomplete.prototype.existing = function () {
    return this.input.value.split(",").map(function (part) {
      return part.trim().replace(/^"|"$/g, "").trim().toLowerCase();
    });
  };

  TagAutocomplete.prototype.suggest = function () {
    var self = this;
    var token = this.token();
    if (!token.text) { this.close(); return; }
    var ticket = ++this.request;
    getJson(withQuery(this.url, { q: token.text })).then(function (data) {
      if (ticket !== self.request) return;
      var taken = self.existing();
      var current = token.text.toLowerCase();
      self.show((data.results || []).filter(function (tag) {
        var name = tag.name.toLowerCase();
        return name === current || taken.indexOf(name) === -1;
      }));
    }).catch(function () { self.close(); });
  };

  TagAutocomplete.prototype.show = function (tags) {
    var self = this;
    this.options = tags;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    if (!tags.length) { this.close(); return; }
    tags.forEach(function (tag, index) {
      var option = element("li", {
        id: self.list.id + "-" + index, role: "option", "data-index": String(index),
        "aria-selected": "false"
      }, tag.name);
      if (tag.count) option.appendChild(element("span", { "class": "tag-count" }, " " + tag.count + "건"));
      self.list.appendChild(option);
    });
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.live.textContent = "추천 태그 " + tags.length + "개. 위아래 화살표로 고르고 Enter.";
  };

  TagAutocomplete.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  TagAutocomplete.prototype.move = function (step) {
    if (!this.options.length) return;
    if (this.list.hidden) { this.list.hidden = false; this.input.setAttribute("aria-expanded", "true"); }
    var options = this.list.querySelectorAll("[role=option]");
    if (this.active >= 0) options[this.active].setAttribute("aria-selected", "false");
    this.active = (this.active + step + options.length) % options.length;
    options[this.active].setAttribute("aria-selected", "true");
    options[this.active].scrollIntoView({ block: "nearest" });
    this.input.setAttribute("aria-activedescendant", options[this.active].id);
  };

  TagAutocomplete.prototype.choose = function (index) {
    var tag = this.options[index];
    if (!tag) return;
    var token = this.token();
    var value = this.input.value;
    // taggit's own quoting: a name with a comma or a space is written in double quotes.
    var name = /[,\s]/.test(tag.name) ? '"' + tag.name.replace(/"/g, "") + '"' : tag.name;
    var before = value.slice(0, token.start).replace(/\s+$/, "");
    var after = value.slice(token.end).replace(/^\s*,?\s*/, "");
    var text = (before ? before + " " : "") + name + ", ";
    this.input.value = text + after;
    this.input.setSelectionRange(text.length, text.length);
    this.close();
    this.live.textContent = "태그 ‘" + tag.name + "’을(를) 넣었습니다.";
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  TagAutocomplete.prototype.onKey = function (event) {
    if (isComposing(event)) return;
    var open = !this.list.hidden;
    if (event.key === "ArrowDown") { event.preventDefault(); if (open || this.options.length) this.move(1); else this.suggest(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); this.move(-1); }
    else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();  // choose the tag, do not save the article
      this.choose(this.active);
    } else if (event.key === "Escape" && open) { event.preventDefault(); this.close(); }
    else if (event.key === "Tab") this.close();
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tag-autocomplete]"), function (wrapper) {
      if (wrapper.hasAttribute("data-tag-autocomplete-ready") || !wrapper.querySelector("input")) return;
      wrapper.setAttribute("data-tag-autocomplete-ready", "");
      new TagAutocomplete(wrapper);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
