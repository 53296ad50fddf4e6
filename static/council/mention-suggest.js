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

  // "이상훈 (더불어민주당, 시흥시 가선거구, 제9대)": the name, then what tells namesakes apart.
  function describe(label) {
    const cut = label.indexOf(" (");
    return cut < 0 ? [label, ""] : [label.slice(0, cut), label.slice(cut + 1)];
  }

  function setUp() {
    const config = document.querySelector("[data-council-mentions-url]");
    const textarea = document.querySelector("#id_body");
    const group = config && document.getElementById(config.dataset.inlineGroup);
    const editable = textarea && textarea.parentElement.querySelector(".ProseMirror[contenteditable=true]");
    if (!config || !group || !editable) return false;
    const wrapper = editable.closest(".prose-editor") || editable;

    // The save-time checkbox list (the no-JavaScript way) is replaced by this panel: its
    // members are the panel's first answer, its boxes are switched off so a box ticked
    // before (a restored form) cannot link anyone unseen, and the container's class hides it.
    const saved = [...config.querySelectorAll("input[name='council-suggested-member']")].map((box) => {
      box.checked = false;
      box.disabled = true;
      return { id: Number(box.value), label: box.closest("label").textContent.trim() };
    });
    config.classList.add("council-mentions--live");

    const panel = document.createElement("section");
    panel.className = "council-live-suggestions";
    panel.setAttribute("aria-labelledby", "council-live-title");
    panel.hidden = true;
    const title = document.createElement("h3");
    title.id = "council-live-title";
    title.textContent = "본문에 나온 의원";
    const help = document.createElement("p");
    help.className = "help";
    help.textContent = "맞는 의원이면 ‘연결’을 누르세요. 저장해야 기사에 연결됩니다. 누르지 않으면 연결하지 않습니다.";
    const list = document.createElement("ul");
    list.setAttribute("aria-live", "polite");
    panel.append(title, help, list);
    wrapper.after(panel);

    const selects = () => [...group.querySelectorAll("tr.form-row:not(.empty-form) select[name$='-member']")];
    const linkedIds = () => new Set(selects().filter((s) => {
      const del = s.closest("tr").querySelector("input[name$='-DELETE']");
      return s.value && !(del && del.checked);
    }).map((s) => s.value));

    function markLinked(item, button) {
      button.disabled = true;
      button.textContent = "연결함";
      button.removeAttribute("aria-label");
      item.classList.add("linked");
    }

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
      markLinked(button.closest("li"), button);
    }

    function render(members) {
      const linked = linkedIds();
      list.replaceChildren(...members.map((member) => {
        const item = document.createElement("li");
        item.dataset.memberId = member.id;
        const [name, detail] = describe(member.label);
        const who = document.createElement("span");
        who.className = "council-live-member";
        const strong = document.createElement("strong");
        strong.textContent = name;
        who.append(strong);
        if (detail) {
          const small = document.createElement("span");
          small.className = "council-live-detail";
          small.textContent = detail;
          who.append(" ", small);
        }
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        if (linked.has(String(member.id))) {
          markLinked(item, button);
        } else {
          button.textContent = "연결";
          button.setAttribute("aria-label", `${member.label} 연결`);
          button.addEventListener("click", () => link(member, button));
        }
        item.append(who, " ", button);
        return item;
      }));
      panel.hidden = members.length === 0;
    }

    const fieldText = (id) => document.getElementById(id)?.value || "";
    let latest = 0;
    async function ask() {
      const whole = ["id_headline", "id_subheadline", "id_summary"].map(fieldText);
      const text = snippets(`${whole.join("\n")}\n${editable.innerText}`);
      const asked = ++latest;
      if (!text) return show([], asked);
      const url = `${config.dataset.councilMentionsUrl}?${new URLSearchParams({ text })}`;
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        // Refused or too long: keep what is shown (the saved story's members at first).
        if (!response.ok) return show(null, asked);
        show((await response.json()).results || [], asked);
      } catch (error) {
        show(null, asked); // offline or the server busy: the same
      }
    }

    function show(members, asked) {
      if (asked !== latest) return;
      panel.dataset.state = "answered"; // tests wait on this, not on a clock
      if (members) render(members);
    }

    let timer;
    const later = () => {
      panel.dataset.state = "waiting";
      clearTimeout(timer);
      timer = setTimeout(ask, PAUSE);
    };
    editable.addEventListener("input", later);
    for (const id of ["id_headline", "id_subheadline", "id_summary"]) {
      document.getElementById(id)?.addEventListener("input", later);
    }
    render(saved);
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
