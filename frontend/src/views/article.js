// Article: the cleaned text with its evidence spans highlighted, the article's events, captions and repairs.
// Everything from the record is inserted as text; an article URL becomes a link only if it is http(s).
import { getJSON } from "../api.js";
import { $, el, fill, fmtNumber, truncate } from "../dom.js";
import { recordSpans, segment } from "../spans.js";
import { buildHref } from "../state.js";

const LEGEND = [
  ["trigger", "event trigger"],
  ["source", "source actor"],
  ["target", "target actor"],
  ["place", "place"],
  ["date", "date"],
  ["amount", "amount"],
  ["quote", "quotation"],
];

/** An http(s) URL, or null: anything else (javascript:, data:, relative…) is shown as text only. */
export function safeHttpUrl(url) {
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function clearAll() {
  for (const id of ["#article-title", "#article-meta", "#article-nav", "#legend", "#article-text", "#captions", "#repairs"]) {
    $(id).replaceChildren();
  }
  $("#article-events tbody").replaceChildren();
}

export async function render(ctx) {
  const id = ctx.params.get("article");
  clearAll();
  if (!id) {
    fill($("#article-title"), "No article selected");
    fill($("#article-nav"), "Open an article from the ", el("a", { href: ctx.viewHref("events") }, "events list"), ".");
    return;
  }
  fill($("#article-title"), "Loading…");
  let data;
  try {
    data = await getJSON(`/api/articles/${encodeURIComponent(id)}`, [], { signal: ctx.signal });
  } catch (error) {
    fill($("#article-title"), "Article not available");
    throw error;
  }
  const article = data.article || {};
  const record = data.record || {};
  const text = typeof record.text === "string" ? record.text : typeof article.text === "string" ? article.text : "";
  const events = Array.isArray(record.events) ? record.events : [];
  const rawEvent = ctx.params.get("event");
  const selected = rawEvent !== null && /^\d+$/.test(rawEvent) && Number(rawEvent) < events.length ? Number(rawEvent) : null;

  document.title = `${truncate(article.title || record.title || "Article", 60)} · Annales`;
  fill($("#article-title"), article.title || record.title || "(untitled)");
  renderMeta(article, record);
  renderNav(ctx, id, selected, events.length);
  renderLegend();
  renderText(text, recordSpans(record, selected));
  renderEvents(ctx, id, events, selected);
  renderList($("#captions"), record.captions, (c) => [c.text ?? "", c.credit ? el("span", { class: "credit" }, ` — ${c.credit}`) : null]);
  renderList($("#repairs"), record.repairs, (r) => [
    el("strong", null, r.kind ?? "repair"),
    ": ",
    shown(r.before),
    " → ",
    shown(r.after),
  ]);

  if (selected !== null) {
    const mark = $("#article-text mark.span-trigger");
    if (mark) mark.scrollIntoView({ block: "center" });
  }
}

/** A repaired string, visible even when it is whitespace ("\n" shows as \n), cut to 120 characters. */
function shown(value) {
  const s = JSON.stringify(value ?? "");
  return el("code", { title: s.length > 120 ? s : null }, truncate(s, 120));
}

function renderMeta(article, record) {
  const box = $("#article-meta");
  const parts = [];
  const add = (label, value) => {
    if (value === null || value === undefined || value === "") return;
    if (parts.length) parts.push(" · ");
    parts.push(el("span", { class: "label" }, `${label} `), value);
  };
  add("published", article.published ?? record.published ?? null);
  add("language", article.language ?? record.language ?? null);
  add("source", article.source ?? record.source ?? null);
  const url = article.url ?? record.url ?? null;
  if (url) {
    const href = safeHttpUrl(url);
    add("url", href ? el("a", { href, rel: "noopener noreferrer", target: "_blank", class: "external" }, url) : el("span", { class: "url-text" }, String(url)));
  }
  add("id", article.id ?? record.id ?? null);
  fill(box, parts);
  if (article.article_id) box.title = `article_id ${article.article_id}${article.path ? ` · ${article.path}` : ""}`;
}

function renderNav(ctx, id, selected, count) {
  const box = $("#article-nav");
  const parts = [
    el("a", { href: buildHref({ view: "events", filters: [["article", id]] }) }, `List this article's events (${count})`),
  ];
  if (selected !== null) {
    parts.push(" · showing event ", String(selected), " · ", el("a", { href: buildHref({ view: "article", extra: { article: id } }) }, "highlight all events"));
  }
  fill(box, parts);
}

function renderLegend() {
  fill(
    $("#legend"),
    el("span", { class: "legend-title" }, "Highlights:"),
    LEGEND.map(([key, label]) => el("span", { class: `legend-item legend-${key}` }, label)),
  );
}

function renderText(text, spans) {
  const box = $("#article-text");
  if (!text) {
    fill(box, el("p", { class: "empty" }, "This article has no text."));
    return;
  }
  const nodes = segment(text, spans).map((seg) => {
    if (!seg.classes.length) return document.createTextNode(seg.text);
    return el("mark", { class: seg.classes.join(" "), title: seg.labels.join("; ") || null }, seg.text);
  });
  fill(box, nodes);
}

function renderEvents(ctx, id, events, selected) {
  const tbody = $("#article-events tbody");
  const select = (i) => {
    const extra = { article: id, event: String(i) };
    ctx.navigate(buildHref({ view: "article", extra }));
  };
  const side = (ref) => {
    if (!ref) return el("td", null, "–");
    const parts = [];
    if (ref.code) parts.push(el("code", null, ref.code));
    const name = ref.name || ref.text;
    if (name) parts.push(parts.length ? " " : "", name);
    return el("td", { class: "actor" }, parts.length ? parts : "–");
  };
  tbody.replaceChildren(
    ...events.map((ev, i) => {
      const row = el(
        "tr",
        {
          class: i === selected ? "selected" : null,
          "aria-selected": i === selected ? "true" : "false",
          tabindex: "0",
          dataset: { event: String(i) },
          title: ev.sentence_text ? truncate(ev.sentence_text, 300) : null,
        },
        el("td", { class: "num" }, String(i)),
        side(ev.source),
        el("td", null, ev.plover ?? "–"),
        el("td", null, ev.cameo ?? "–"),
        side(ev.target),
        el("td", null, ev.modality ?? "–"),
        el("td", { class: "num" }, fmtNumber(ev.confidence, 2)),
        el("td", { class: "method" }, ev.method ?? ""),
        el("td", { class: "trigger" }, ev.trigger ?? ""),
      );
      row.addEventListener("click", () => select(i));
      row.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(i);
        }
      });
      return row;
    }),
  );
}

function renderList(ul, items, render) {
  const list = Array.isArray(items) ? items.filter(Boolean) : [];
  if (!list.length) {
    fill(ul, el("li", { class: "none" }, "None"));
    return;
  }
  fill(ul, list.map((item) => el("li", null, render(item))));
}
