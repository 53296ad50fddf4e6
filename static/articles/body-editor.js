/*
 * 시흥뉴스룸 admin: the article body editor, ProseMirror through django-prose-editor.
 *
 * The schema is the widget's configuration (articles/prose.py BODY_EXTENSIONS, in the
 * textarea's data-django-prose-editor-newsroom attribute); this module adds our own nodes
 * and builds the editor from it, the way the package's configurable preset does, but
 * with a plain relative import instead of an inline import map, so the admin needs no
 * script-src exception under the site's CSP.
 *
 * Library photos are stored as <figure data-image-id="N"><img data-image-id="N" alt>
 * references and video players as <figure data-video="youtube"><iframe src title
 * allowfullscreen>; the server's nh3 allowlist (articles/sanitize.py) is the only
 * sanitizer and the one authority on what is stored.
 */
import * as core from "../django_prose_editor/editor.js";

const { Node, Extension, Plugin, createTextareaEditor, initializeEditors } = core;
const CONFIG_ATTRIBUTE = "data-django-prose-editor-newsroom";

// ----- Small helpers -----

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

async function getJson(url) {
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `서버 오류(${response.status})`);
  return data;
}

function withQuery(url, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) query.set(key, value);
  }
  return url + (url.includes("?") ? "&" : "?") + query.toString();
}

function settingsOf(editor) {
  const wrapper = editor.options.element.closest("[data-rich-text]");
  return wrapper ? wrapper.dataset : {};
}

// After a photo or a player the writer goes on typing below it, and the next insert
// does not replace it (an inserted atom is left selected).
function textAfterBlock({ state, commands }) {
  return state.selection.node ? commands.createParagraphNear() : true;
}

// Library images the editors on this page have shown: id -> the images endpoint's JSON.
const imageInfo = new Map();

async function loadImages(url, ids) {
  const missing = ids.filter((id) => !imageInfo.has(id));
  if (!url || !missing.length) return;
  const data = await getJson(withQuery(url, { ids: missing.join(",") }));
  for (const image of data.results || []) imageInfo.set(String(image.id), image);
}

// ----- A modal dialog of ours (the picker, the video address) -----

function openDialog(editor, { title, body, onClose }) {
  const close = el("button", { type: "button", class: "nb-dialog-close", text: "닫기" });
  const dialog = el("dialog", { class: "nb-dialog", "aria-label": title }, [
    el("h3", { class: "nb-dialog-title", text: title }),
    ...body,
    el("div", { class: "nb-dialog-buttons" }, [close]),
  ]);
  editor.options.element.append(dialog);
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (onClose) onClose();
    editor.commands.focus();
  });
  dialog.showModal();
  return dialog;
}

// ----- Library photos -----

const LibraryFigure = Node.create({
  name: "libraryFigure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const none = () => ({});
    return {
      imageId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image-id"),
        renderHTML: none,
      },
      alt: {
        default: "",
        parseHTML: (element) => {
          const img = element.tagName === "IMG" ? element : element.querySelector("img");
          return (img && img.getAttribute("alt")) || "";
        },
        renderHTML: none,
      },
    };
  },

  parseHTML() {
    const reference = (element) => /^\d+$/.test(element.getAttribute("data-image-id") || "") && null;
    // A bare reference (an import, the HTML view) becomes the one stored figure form.
    return [
      { tag: "figure[data-image-id]", getAttrs: reference },
      { tag: "img[data-image-id]", getAttrs: reference },
    ];
  },

  renderHTML({ node }) {
    const id = node.attrs.imageId;
    // data-image-id first: articles/body.py finds the reference in the stored tag.
    return ["figure", { "data-image-id": id }, ["img", { "data-image-id": id, alt: node.attrs.alt }]];
  },

  addNodeView() {
    const editor = this.editor;
    return ({ node }) => {
      const id = String(node.attrs.imageId);
      const img = el("img", { alt: node.attrs.alt, "data-image-id": id });
      const caption = el("figcaption", { class: "nb-figure-caption" });
      const dom = el("figure", { class: "nb-figure", "data-image-id": id, contenteditable: "false" }, [img, caption]);
      const show = () => {
        const info = imageInfo.get(id);
        if (!info) {
          caption.textContent = `사진 ${id}`;
          return;
        }
        img.src = info.url;
        caption.textContent = [info.caption, info.credit].filter(Boolean).join(" ");
      };
      show();
      if (!imageInfo.has(id)) loadImages(settingsOf(editor).imagesUrl, [id]).then(show, show);
      return { dom };
    };
  },

  addCommands() {
    return {
      insertLibraryImage:
        (image) =>
        ({ chain }) => {
          imageInfo.set(String(image.id), image);
          return chain()
            .insertContent({ type: this.name, attrs: { imageId: String(image.id), alt: image.alt || "" } })
            .command(textAfterBlock)
            .run();
        },
      pickLibraryImage:
        () =>
        ({ editor }) => {
          openPicker(editor);
          return true;
        },
    };
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "libraryImage",
      groups: "newsroom",
      command: (editor) => editor.commands.pickLibraryImage(),
      button: buttons.material("photo_library", "사진"),
    });
  },
});

function openPicker(editor) {
  const settings = settingsOf(editor);
  const search = el("input", { type: "search", placeholder: "설명·출처로 찾기", "aria-label": "사진 찾기" });
  const grid = el("div", { class: "nb-picker-grid", role: "list" });
  const status = el("p", { class: "nb-picker-status", role: "status" });
  const previous = el("button", { type: "button", text: "이전" });
  const next = el("button", { type: "button", text: "다음" });
  const position = el("span", { class: "nb-picker-position" });
  const upload = settings.imageAddUrl
    ? el("a", { href: settings.imageAddUrl, target: "_blank", rel: "noopener", text: "새 사진 올리기" })
    : "";
  let page = 1;
  let ticket = 0;
  const dialog = openDialog(editor, {
    title: "사진 보관함",
    body: [search, status, grid, el("div", { class: "nb-picker-pages" }, [previous, position, next]), upload],
  });

  async function load() {
    const mine = ++ticket;
    status.textContent = "불러오는 중…";
    try {
      const data = await getJson(withQuery(settings.imagesUrl, { q: search.value.trim(), page }));
      if (mine !== ticket) return;
      grid.replaceChildren(
        ...data.results.map((image) => {
          const choose = el("button", { type: "button", class: "nb-picker-item", role: "listitem" }, [
            el("img", { src: image.thumbnail, alt: "" }),
            el("span", { class: "nb-picker-caption", text: image.caption || image.alt || `사진 ${image.id}` }),
            el("span", { class: "nb-picker-credit", text: image.credit }),
          ]);
          choose.addEventListener("click", () => {
            dialog.close();
            editor.chain().focus().insertLibraryImage(image).run();
          });
          return choose;
        }),
      );
      status.textContent = data.count ? `${data.count}장` : "찾는 사진이 없습니다.";
      position.textContent = `${data.page} / ${data.num_pages}쪽`;
      previous.disabled = !data.has_previous;
      next.disabled = !data.has_next;
    } catch (error) {
      if (mine === ticket) status.textContent = error.message;
    }
  }

  let timer = null;
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      page = 1;
      load();
    }, 200);
  });
  previous.addEventListener("click", () => {
    page -= 1;
    load();
  });
  next.addEventListener("click", () => {
    page += 1;
    load();
  });
  load();
  search.focus();
}

// ----- Video players -----

function videoPatterns(editor) {
  try {
    return JSON.parse(settingsOf(editor).videoPatterns || "[]").map((p) => new RegExp(p));
  } catch {
    return [];
  }
}

function providerOf(src) {
  if (/^https:\/\/www\.youtube(-nocookie)?\.com\//.test(src)) return "youtube";
  if (/^https:\/\/tv\.naver\.com\//.test(src)) return "navertv";
  if (/^https:\/\/play-tv\.kakao\.com\//.test(src)) return "kakaotv";
  return "";
}

const VideoEmbed = Node.create({
  name: "videoEmbed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const none = () => ({});
    const iframe = (element) => (element.tagName === "IFRAME" ? element : element.querySelector("iframe"));
    return {
      src: { default: null, parseHTML: (element) => iframe(element)?.getAttribute("src"), renderHTML: none },
      title: {
        default: "동영상",
        parseHTML: (element) => iframe(element)?.getAttribute("title") || "동영상",
        renderHTML: none,
      },
      provider: {
        default: "",
        parseHTML: (element) =>
          element.getAttribute("data-video") || providerOf(iframe(element)?.getAttribute("src") || ""),
        renderHTML: none,
      },
    };
  },

  parseHTML() {
    const editor = this.editor;
    const allowed = (element) => {
      const frame = element.tagName === "IFRAME" ? element : element.querySelector("iframe");
      const src = (frame && frame.getAttribute("src")) || "";
      const patterns = editor ? videoPatterns(editor) : [];
      return patterns.some((pattern) => pattern.test(src)) && null;
    };
    return [
      { tag: "figure[data-video]", getAttrs: allowed },
      { tag: "iframe[src]", getAttrs: allowed },
    ];
  },

  renderHTML({ node }) {
    const { src, title, provider } = node.attrs;
    return ["figure", { "data-video": provider }, ["iframe", { src, title, allowfullscreen: "" }]];
  },

  addNodeView() {
    // The editor shows what will play, not the player: no third-party frame while writing.
    return ({ node }) =>
      ({
        dom: el("figure", { class: "nb-video", "data-video": node.attrs.provider, contenteditable: "false" }, [
          el("span", { class: "nb-video-label", text: node.attrs.title }),
          el("span", { class: "nb-video-src", text: node.attrs.src }),
        ]),
      });
  },

  addCommands() {
    return {
      insertVideo:
        (embed) =>
        ({ chain }) =>
          chain()
            .insertContent({
              type: this.name,
              attrs: { src: embed.embed_url, title: embed.title, provider: embed.provider },
            })
            .command(textAfterBlock)
            .run(),
      askVideo:
        () =>
        ({ editor }) => {
          openVideoDialog(editor);
          return true;
        },
    };
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "video",
      groups: "newsroom",
      command: (editor) => editor.commands.askVideo(),
      button: buttons.material("smart_display", "동영상"),
    });
  },
});

function openVideoDialog(editor) {
  const input = el("input", {
    type: "url",
    placeholder: "https://youtu.be/…",
    "aria-label": "동영상 주소 (유튜브, 네이버TV, 카카오TV)",
  });
  const error = el("p", { class: "nb-dialog-error", role: "alert" });
  const submit = el("button", { type: "submit", text: "넣기" });
  const form = el("form", { class: "nb-video-form" }, [input, submit, error]);
  const dialog = openDialog(editor, { title: "동영상 넣기", body: [form] });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    try {
      // The server turns a page address into its player (articles/embeds.py).
      const embed = await getJson(withQuery(settingsOf(editor).videoUrl, { url: input.value }));
      dialog.close();
      editor.chain().focus().insertVideo(embed).run();
    } catch (problem) {
      error.textContent = problem.message;
    }
  });
  input.focus();
}

// ----- Pastes from Word, 한글 and Docs -----

const LIST_MARKER = /^\s*(?:[\d]+|[a-zA-Z]|[ivxIVX]+)[.)]\s*/;

// Word writes lists as paragraphs with mso-list styles and a typed marker; make them lists.
function wordLists(root) {
  const items = [...root.querySelectorAll("p")].filter((p) =>
    /mso-list\s*:/i.test(p.getAttribute("style") || "") || /MsoListParagraph/.test(p.className),
  );
  let list = null;
  for (const p of items) {
    for (const marker of p.querySelectorAll("span")) {
      if (/mso-list\s*:\s*ignore/i.test(marker.getAttribute("style") || "")) marker.remove();
    }
    const previous = p.previousElementSibling;
    const ordered = LIST_MARKER.test(p.textContent) && !/^\s*[·•▪o§\-–]/.test(p.textContent);
    if (!list || previous !== list || (list.tagName === "OL") !== ordered) {
      list = p.ownerDocument.createElement(ordered ? "ol" : "ul");
      p.before(list);
    }
    const li = p.ownerDocument.createElement("li");
    li.append(...p.childNodes);
    const first = li.firstChild;
    if (first && first.nodeType === 3) first.textContent = first.textContent.replace(/^\s*[·•▪o§\-–]\s+/, "").replace(LIST_MARKER, "");
    list.append(li);
    p.remove();
  }
}

function cleanPastedHtml(html) {
  // A document of its own: nothing pasted loads, runs or is styled while we look at it.
  const doc = document.implementation.createHTMLDocument("");
  // Word's conditional comments hold the typed list markers; drop them before parsing.
  // Handler attributes go before parsing too: even an inert document reports each one
  // to the page's CSP as a refused inline script (the parse never runs them).
  let markup = html.replace(/<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>/gi, "");
  const handler = /(<[^>]*?)\son[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
  while (handler.test(markup)) markup = markup.replace(handler, "$1");  // one per tag a pass
  doc.body.innerHTML = markup;
  const root = doc.body;
  const junk = "script, style, meta, link, title, xml, o\\:p, br.Apple-interchange-newline";
  for (const node of root.querySelectorAll(junk)) node.remove();
  // A picture from elsewhere is not in our library; only references survive.
  for (const img of root.querySelectorAll("img:not([data-image-id])")) img.remove();
  wordLists(root);
  // Our headings are h2–h4: a pasted title is a 소제목, not a second headline.
  for (const [from, to] of [["h1", "h2"], ["h5", "h4"], ["h6", "h4"]]) {
    for (const heading of root.querySelectorAll(from)) {
      const renamed = doc.createElement(to);
      renamed.append(...heading.childNodes);
      heading.replaceWith(renamed);
    }
  }
  return root.innerHTML;
}

const PasteCleanup = Extension.create({
  name: "pasteCleanup",
  addProseMirrorPlugins() {
    return [new Plugin({ props: { transformPastedHTML: cleanPastedHtml } })];
  },
});

// ----- Korean labels for the package's toolbar -----

// The package's toolbar titles are plain English, not gettext; its dialogs' words are
// gettext (locale/ko/LC_MESSAGES/djangojs.po). tests/articles/test_editor_korean_browser.py
// opens every menu and dialog and finds no English word left.

const LABELS = {
  heading2: "소제목(큰)",
  heading3: "소제목(중간)",
  heading4: "소제목(작은)",
  paragraph: "본문 문단",
  bulletList: "글머리 목록",
  orderedList: "번호 목록",
  blockquote: "인용",
  horizontalRule: "구분선",
  bold: "굵게",
  italic: "기울임",
  underline: "밑줄",
  strike: "취소선",
  subscript: "아래 첨자",
  superscript: "위 첨자",
  link: "링크",
  unlink: "링크 풀기",
  "history:undo": "실행 취소",
  "history:redo": "다시 실행",
  orderedListProperties: "목록 속성",
  table: "표 넣기",
  "table:addColumnAfter": "칸 추가",
  "table:deleteColumn": "칸 삭제",
  "table:addRowAfter": "줄 추가",
  "table:deleteRow": "줄 삭제",
  "table:mergeCells": "칸 합치기",
  "table:splitCell": "칸 나누기",
  "table:toggleHeaderCell": "제목 칸",
  "table:deleteTable": "표 삭제",
};

// The dropdown's face is a copy of the chosen item's button, labelled in English.
const BY_ENGLISH_TITLE = {
  paragraph: "paragraph",
  "heading 2": "heading2",
  "heading 3": "heading3",
  "heading 4": "heading4",
};

function koreanToolbar(editor) {
  const menubar = editor.options.element.querySelector(".prose-menubar");
  if (!menubar) return;
  menubar.setAttribute("role", "toolbar");
  menubar.setAttribute("aria-label", "본문 편집 도구");
  for (const button of menubar.querySelectorAll("button")) {
    const name = button.dataset.name || BY_ENGLISH_TITLE[button.getAttribute("aria-label")];
    const label = LABELS[name];
    if (!label) continue;
    if (button.classList.contains("prose-menubar__option")) {
      if (button.firstElementChild) button.firstElementChild.textContent = label;
      button.setAttribute("aria-label", label);
    } else {
      button.title = label;
      button.setAttribute("aria-label", label);
    }
  }
}

// ----- Links -----

// The link dialog always sends a title; an empty one is no attribute, not title="".
const Link = core.Link.extend({
  addAttributes() {
    const attributes = this.parent?.() || {};
    return {
      ...attributes,
      title: {
        default: null,
        parseHTML: (element) => element.getAttribute("title") || null,
        renderHTML: (attrs) => (attrs.title ? { title: attrs.title } : {}),
      },
    };
  },
});

// ----- Tables -----

// The package asks "Include header row" with a select of untranslated "Yes"/"No" (and
// compares the answer to "Yes"); ours asks with a checkbox. The words come from
// gettext, i.e. locale/ko/LC_MESSAGES/djangojs.po through the admin's JavaScript catalogue.
const { gettext } = core;
const tableDialog = core.updateAttrsDialog(
  {
    rows: { type: "number", title: gettext("Rows"), format: "number", default: "3", min: "1", max: "100" },
    cols: { type: "number", title: gettext("Columns"), format: "number", default: "3", min: "1", max: "100" },
    withHeaderRow: { type: "boolean", title: gettext("Include header row"), default: false },
  },
  { title: gettext("Table Properties"), submitText: gettext("Insert Table") },
);

const Table = core.Table.extend({
  addCommands() {
    return {
      ...(this.parent?.() || {}),
      insertTableWithOptions:
        () =>
        ({ editor }) => {
          tableDialog(editor, { rows: "3", cols: "3", withHeaderRow: false }).then((answer) => {
            if (!answer) return;
            editor
              .chain()
              .focus()
              .insertTable({
                rows: Number.parseInt(answer.rows, 10) || 3,
                cols: Number.parseInt(answer.cols, 10) || 3,
                withHeaderRow: answer.withHeaderRow,
              })
              .run();
          });
          return true;
        },
    };
  },
});

// ----- Start -----

// ProseMirror's editable box is role="textbox" with no name; a screen reader (and axe-core:
// aria-input-field-name) needs one. It takes the textarea's label ("본문"), which no
// longer points at anything visible once the editor hides the textarea. A plugin's
// attributes prop, so ProseMirror itself keeps them on the box from its first draw.
function EditableName(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  const name = (label ? label.textContent : "").trim().replace(/[:：]$/, "") || "본문";
  return Extension.create({
    name: "editableName",
    addProseMirrorPlugins() {
      return [new Plugin({ props: { attributes: { "aria-label": name, "aria-multiline": "true" } } })];
    },
  });
}

const OURS = { LibraryFigure, VideoEmbed, PasteCleanup, Link, Table };
const editors = new WeakMap();

function create(textarea) {
  if (editors.has(textarea) || textarea.closest(".prose-editor")) return editors.get(textarea);
  const config = JSON.parse(textarea.getAttribute(CONFIG_ATTRIBUTE) || "{}");
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = OURS[name] || core[name];
    if (!extension) {
      console.error(`본문 편집기: 알 수 없는 확장 ${name}`);
      continue;
    }
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  extensions.push(EditableName(textarea));
  const editor = createTextareaEditor(textarea, extensions);
  editors.set(textarea, editor);
  // The empty paragraph the caret waits in below a photo is not part of the story.
  editor.on("update", () => {
    textarea.value = textarea.value.replace(/(?:<p><\/p>)+$/, "");
  });
  // The package's menu is built on "create" and its dropdown face redrawn per transaction.
  editor.on("create", () => koreanToolbar(editor));
  editor.on("transaction", () => koreanToolbar(editor));
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }));
  return editor;
}

// For tests and for pages that add editors later.
window.newsroomEditor = {
  editorFor: (textarea) => editors.get(textarea),
  cleanPastedHtml,
};

initializeEditors(create, `[${CONFIG_ATTRIBUTE}]`);
