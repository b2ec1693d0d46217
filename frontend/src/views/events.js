// Events: the filtered list (/api/events), sorted and paged, with CSV / JSONL downloads.
import { getJSON } from "../api.js";
import { $, el, emptyNote, fmtNumber, truncate } from "../dom.js";
import { buildHref, toQuery, withQuery } from "../state.js";

export const PAGE = 50;
const SORTS = ["-date", "date", "-confidence", "confidence", "-goldstein", "goldstein"];

/** "RUSGOV Russian government", or whichever of the two is known. */
export function actorCell(code, name) {
  const parts = [];
  if (code) parts.push(el("code", null, code));
  if (name && name !== code) parts.push(parts.length ? " " : "", name);
  return el("td", { class: "actor" }, parts.length ? parts : "–");
}

function eventCell(e) {
  const parts = [];
  if (e.plover) parts.push(el("strong", null, e.plover));
  if (e.cameo) parts.push(parts.length ? " " : "", el("span", { class: "cameo", title: "CAMEO code" }, e.cameo));
  const title = e.goldstein === null || e.goldstein === undefined ? null : `Goldstein ${fmtNumber(e.goldstein, 1)}, quad class ${e.quad_class ?? "–"}`;
  return el("td", { class: "event", title }, parts.length ? parts : "–");
}

export async function render(ctx) {
  const sortSelect = $("#sort");
  const requestedSort = ctx.params.get("sort");
  sortSelect.value = SORTS.includes(requestedSort) ? requestedSort : "-date";
  const offset = Math.max(0, Number.parseInt(ctx.params.get("offset") ?? "0", 10) || 0);
  const goto = (extra) => ctx.navigate(buildHref({ view: "events", filters: ctx.filters, extra }));
  sortSelect.onchange = () => goto({ sort: sortSelect.value === "-date" ? undefined : sortSelect.value });

  const query = toQuery(ctx.filters);
  $("#download-csv").setAttribute("href", query ? `/api/events.csv?${query}` : "/api/events.csv");
  $("#download-jsonl").setAttribute("href", query ? `/api/events.jsonl?${query}` : "/api/events.jsonl");

  const table = $("#events-table");
  const tbody = table.tBodies[0];
  const total = $("#total");
  const prev = $("#prev");
  const next = $("#next");
  table.setAttribute("aria-busy", "true");
  prev.disabled = true;
  next.disabled = true;
  const entries = [...ctx.filters];
  if (requestedSort) entries.push(["sort", requestedSort]);
  entries.push(["limit", String(PAGE)]);
  if (offset) entries.push(["offset", String(offset)]);
  let data;
  try {
    data = await getJSON("/api/events", entries, { signal: ctx.signal });
  } catch (error) {
    tbody.replaceChildren();
    total.textContent = "";
    removeEmpty(table);
    throw error;
  } finally {
    table.removeAttribute("aria-busy");
  }

  const rows = data.events || [];
  const n = Number(data.total ?? rows.length);
  const limit = Number(data.limit ?? PAGE);
  const from = Number(data.offset ?? offset);
  tbody.replaceChildren(...rows.map(eventRow));
  total.textContent = n === 0
    ? "0 events"
    : rows.length
      ? `${n} ${n === 1 ? "event" : "events"} · ${from + 1}–${from + rows.length}`
      : `${n} events · none from ${from + 1}`;
  removeEmpty(table);
  if (!rows.length) table.after(emptyNote(n === 0 ? undefined : "No events on this page."));

  const extraBase = requestedSort ? { sort: requestedSort } : {};
  prev.disabled = from <= 0;
  next.disabled = from + limit >= n;
  prev.onclick = () => goto({ ...extraBase, offset: Math.max(0, from - limit) || undefined });
  next.onclick = () => goto({ ...extraBase, offset: from + limit });
}

function removeEmpty(table) {
  const note = table.nextElementSibling;
  if (note && note.classList.contains("empty")) note.remove();
}

function eventRow(e) {
  const sentence = e.sentence_text ?? "";
  const href = withQuery("", [["view", "article"], ["article", e.article_id], ["event", e.event_id]]);
  const title = e.title ? truncate(e.title, 48) : "article";
  return el(
    "tr",
    null,
    el("td", { class: "date", title: e.date && e.published && e.date !== e.published ? `published ${e.published}` : null }, e.date || e.published || "–"),
    actorCell(e.source_code, e.source_name),
    eventCell(e),
    actorCell(e.target_code, e.target_name),
    el("td", { class: `modality modality-${String(e.modality ?? "").replace(/[^a-z]/g, "")}` }, e.modality ?? "–"),
    el("td", { class: "num" }, fmtNumber(e.confidence, 2)),
    el("td", { class: "trigger" }, e.trigger ?? ""),
    el("td", { class: "sentence", title: sentence || null }, truncate(sentence, 160)),
    el("td", null, el("a", { class: "article-link", href, title: e.title || null }, title)),
  );
}
