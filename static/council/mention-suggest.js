// While a reporter writes, ask which council members the body names and offer each in a
// panel under the editor with a 연결 button. A click adds the member to the form's
// "기사에 나온 의원" rows (the autocomplete); nothing is linked until the form is saved.
(() => {
  "use strict";
  const TITLES = /(상임위원장|부위원장|위원장|부의장|의장|의원)/g;
  const BEFORE = 60; // characters before a title worth sending (names, commas, 대표)
  const LIMIT = 3500; // under the endpoint's own limit
  const PAUSE = 600; // ms of no typing before asking

  // Only the stretches before a title can name a member (council/mentions.py).
  function snippets(text) {
    const parts = [];
    let total = 0;
    for (const match of text.matchAll(TITLES)) {
      const start = Math.max(0, match.index - BEFORE);
      const part = text.slice(start, match.index + match[0].length);
      if (total + part.length > LIMIT) break;
      parts.push(part);
      total += part.length + 1;
    }
    return parts.join("\n");
  }

  function setUp() {
    const config = document.querySelector("[data-council-mentions-url]");
    const textarea = document.querySelector("#id_body");
    const group = config && document.getElementById(config.dataset.inlineGroup);
    const editable = textarea && textarea.parentElement.querySelector(".ProseMirror[contenteditable=true]");
    if (!config || !group || !editable) return false;
    const wrapper = editable.closest(".prose-editor") || editable;

    const panel = document.createElement("section");
    panel.className = "council-live-suggestions";
    panel.setAttribute("aria-labelledby", "council-live-title");
    panel.setAttribute("aria-live", "polite");
    panel.hidden = true;
    const title = document.createElement("h3");
    title.id = "council-live-title";
    title.textContent = "본문에 나온 의원";
    const help = document.createElement("p");
    help.className = "help";
    help.textContent = "맞는 의원이면 ‘연결’을 누르세요. 저장해야 기사에 연결됩니다.";
    const list = document.createElement("ul");
    panel.append(title, help, list);
    wrapper.after(panel);

    const selects = () => [...group.querySelectorAll("tr.form-row:not(.empty-form) select[name$='-member']")];
    const linkedIds = () => new Set(selects().filter((s) => {
      const del = s.closest("tr").querySelector("input[name$='-DELETE']");
      return s.value && !(del && del.checked);
    }).map((s) => s.value));

    function link(member, button) {
      const $ = window.django && window.django.jQuery;
      let select = selects().find((s) => !s.value);
      if (!select) {
        const add = group.querySelector(".add-row a");
        if (!add) return;
        add.click();
        select = selects().find((s) => !s.value);
      }
      if (!select) return;
      const option = new Option(member.label, String(member.id), true, true);
      if ($) $(select).append(option).trigger("change");
      else { select.append(option); select.value = String(member.id); }
      button.disabled = true;
      button.textContent = "연결함";
      button.closest("li").classList.add("linked");
    }

    let latest = 0;
    async function ask() {
      const text = snippets(`${document.querySelector("#id_headline")?.value || ""}\n${editable.innerText}`);
      const asked = ++latest;
      if (!text) return show([], asked);
      const url = `${config.dataset.councilMentionsUrl}?${new URLSearchParams({ text })}`;
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) return show([], asked);
        show((await response.json()).results || [], asked);
      } catch (error) {
        // Offline or the server busy: the save-time list still offers the members.
      }
    }

    function show(members, asked) {
      if (asked !== latest) return;
      panel.dataset.state = "answered"; // tests wait on this, not on a clock
      const linked = linkedIds();
      list.replaceChildren(...members.map((member) => {
        const item = document.createElement("li");
        item.dataset.memberId = member.id;
        const label = document.createElement("span");
        label.textContent = member.label;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        if (linked.has(String(member.id))) {
          button.disabled = true;
          button.textContent = "연결함";
          item.classList.add("linked");
        } else {
          button.textContent = "연결";
          button.setAttribute("aria-label", `${member.label} 연결`);
          button.addEventListener("click", () => link(member, button));
        }
        item.append(label, " ", button);
        return item;
      }));
      panel.hidden = members.length === 0;
    }

    let timer;
    const later = () => {
      panel.dataset.state = "waiting";
      clearTimeout(timer);
      timer = setTimeout(ask, PAUSE);
    };
    editable.addEventListener("input", later);
    document.querySelector("#id_headline")?.addEventListener("input", later);
    ask();
    return true;
  }

  // The body editor builds itself on load; wait for its editable element.
  function start() {
    // No config: this form offers no member rows (no rights), so there is nothing to wait for.
    if (!document.querySelector("[data-council-mentions-url]") || setUp()) return;
    const observer = new MutationObserver(() => { if (setUp()) observer.disconnect(); });
    observer.observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
