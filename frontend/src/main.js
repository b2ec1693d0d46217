// Entry point: reads the URL, keeps the header, the filter form and the error box in step with
// it, and hands the active view its filters. Every change goes through navigate() (pushState).
import "./style.css";
import { getJSON } from "./api.js";
import { $, el, fill, fmtCount } from "./dom.js";
import {
  FILTER_KEYS, FORM_KEYS, buildHref, carriedFilters, current, extrasOf, filterEntries, viewOf,
} from "./state.js";
import * as timeline from "./views/timeline.js";
import * as map from "./views/map.js";
import * as network from "./views/network.js";
import * as events from "./views/events.js";
import * as article from "./views/article.js";

const views = { timeline, map, network, events, article };
const TITLES = { timeline: "Timeline", map: "Map", network: "Network", events: "Events", article: "Article" };
const form = $("#filters");
let meta = null;
let controller = null;

/** Go to a query string ("?view=…"): push it on the history (or replace the entry) and re-render. */
export function navigate(href, { replace = false } = {}) {
  const url = href.startsWith("?") ? href : "?" + href;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

/** A link to `view` keeping the current filters (and per-view settings given in extra). */
function viewHref(view, params = current(), extra = {}) {
  return buildHref({ view, filters: carriedFilters(params), extra });
}

// ---------------------------------------------------------------- error box

function showError(error) {
  const box = $("#error");
  const code = error && error.code ? ` (${error.code})` : "";
  const status = error && error.status ? `Error ${error.status}${code}: ` : "Error: ";
  fill(box, status + (error && error.message ? error.message : String(error)));
  box.hidden = false;
}

function clearError() {
  const box = $("#error");
  box.replaceChildren();
  box.hidden = true;
}

// ---------------------------------------------------------------- header and form

function renderMeta() {
  if (!meta) return;
  const parts = [
    `${fmtCount(meta.articles)} articles`,
    `${fmtCount(meta.events)} events`,
  ];
  if (meta.first_date || meta.last_date) parts.push(`${meta.first_date ?? "…"} – ${meta.last_date ?? "…"}`);
  const snapshot = formatTime(meta.snapshot_at);
  if (snapshot) parts.push(`snapshot ${snapshot}`);
  fill($("#meta"), parts.join(" · "));
  if (meta.store) $("#meta").title = `store: ${meta.store}`;
}

/** A snapshot time given as Unix seconds or as an ISO string, as "2026-12-06 15:46" (local time). */
function formatTime(value) {
  if (value === null || value === undefined || value === "") return "";
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Fill a <select> from [[value, count]] pairs, keeping its first (empty) option. */
function fillOptions(select, pairs) {
  const first = select.options[0];
  select.replaceChildren(first);
  for (const pair of pairs || []) {
    const [value, n] = Array.isArray(pair) ? pair : [pair, null];
    if (value === null || value === undefined || value === "") continue;
    select.appendChild(el("option", { value: String(value) }, n === null ? String(value) : `${value} (${fmtCount(n)})`));
  }
}

/** Put the URL's filters into the form (adding an option when a select lacks the URL's value). */
function syncForm(params) {
  for (const key of FORM_KEYS) {
    const input = form.elements.namedItem(key);
    if (!input) continue;
    const value = (params.get(key) ?? "").trim();
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
      input.appendChild(el("option", { value }, value));
    }
    // A malformed date stays in the URL (the API reports it) but cannot go into a date input.
    input.value = input.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? "" : value;
  }
}

/** The filters of the URL that have no input in the form, as chips with a remove button. */
function syncChips(params) {
  const box = $("#extra-filters");
  const view = viewOf(params);
  const extras = filterEntries(params).filter(
    ([k], i, all) => !(view === "article" && k === "article") &&
      (!FORM_KEYS.includes(k) || all.findIndex(([k2]) => k2 === k) !== i),
  );
  box.replaceChildren();
  box.hidden = extras.length === 0;
  if (!extras.length) return;
  box.appendChild(el("span", { class: "chips-label" }, "Also filtered by:"));
  for (const [key, value] of extras) {
    const remove = el("button", { type: "button", class: "chip-remove", title: `remove ${key} = ${value}`, "aria-label": `remove ${key} filter` }, "×");
    remove.addEventListener("click", () => {
      const p = current();
      const kept = filterEntries(p).filter(([k, v]) => !(k === key && v === value));
      const extra = extrasOf(p);
      delete extra.offset;
      navigate(buildHref({ view: viewOf(p), filters: kept, extra }));
    });
    box.appendChild(el("span", { class: "chip" }, `${key} = ${value} `, remove));
  }
}

function syncNav(params) {
  const view = viewOf(params);
  for (const a of document.querySelectorAll("a[data-view]")) {
    a.setAttribute("href", viewHref(a.dataset.view, params, pickExtras(a.dataset.view, params)));
    if (a.dataset.view === view && !a.classList.contains("brand")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

/** The per-view settings worth keeping when going to `view` (the timeline's interval, the events' sort). */
function pickExtras(view, params) {
  const extra = {};
  if (view === "timeline" && params.get("interval")) extra.interval = params.get("interval");
  if (view === "events" && params.get("sort")) extra.sort = params.get("sort");
  return extra;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = current();
  const data = new FormData(form);
  const filters = [];
  for (const key of FILTER_KEYS) {
    if (FORM_KEYS.includes(key)) {
      const value = String(data.get(key) ?? "").trim();
      if (value) filters.push([key, value]);
      // A repeated filter from the URL (plover=A&plover=B) keeps its other values (shown as chips).
      const repeated = carriedFilters(params).filter(([k]) => k === key).slice(1);
      for (const [k, v] of repeated) if (v !== value) filters.push([k, v]);
    } else {
      for (const [k, v] of carriedFilters(params)) if (k === key) filters.push([k, v]);
    }
  }
  let view = viewOf(params);
  if (view === "article") view = "events"; // filters do not apply to one article: show the matching events
  navigate(buildHref({ view, filters, extra: pickExtras(view, params) }));
});

$("#reset").addEventListener("click", () => {
  const params = current();
  let view = viewOf(params);
  const extra = view === "article" ? extrasOf(params) : pickExtras(view, params);
  // (No form.reset(): the button's id shadows it. navigate() refills the form from the new URL.)
  navigate(buildHref({ view, filters: [], extra }));
});

// Same-page links (href="?…") change the state without reloading the page.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!a || a.target || a.hasAttribute("download")) return;
  const href = a.getAttribute("href");
  if (!href || !href.startsWith("?")) return;
  event.preventDefault();
  navigate(href);
});

window.addEventListener("popstate", () => render());

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    const view = views[viewOf(current())];
    if (view.redraw) view.redraw();
  }, 200);
});

// ---------------------------------------------------------------- rendering

async function render() {
  if (controller) controller.abort();
  controller = new AbortController();
  const { signal } = controller;
  const params = current();
  const view = viewOf(params);

  for (const name of Object.keys(views)) $(`#view-${name}`).hidden = name !== view;
  document.title = `${TITLES[view]} · Annales`;
  syncNav(params);
  syncForm(params);
  syncChips(params);
  clearError();
  document.body.dataset.status = "loading";
  document.body.dataset.view = view;

  const ctx = {
    params,
    view,
    filters: filterEntries(params),
    extras: extrasOf(params),
    signal,
    navigate,
    viewHref: (v, extra = {}) => viewHref(v, params, extra),
    meta,
  };
  try {
    await views[view].render(ctx);
    if (!signal.aborted) document.body.dataset.status = "ready";
  } catch (error) {
    if (signal.aborted || (error && error.name === "AbortError")) return;
    showError(error);
    document.body.dataset.status = "error";
    if (!(error && error.name === "ApiError")) console.error(error);
  }
}

async function loadMeta() {
  try {
    meta = await getJSON("/api/meta");
  } catch (error) {
    showError(error);
    return;
  }
  fillOptions(form.elements.namedItem("plover"), meta.plover);
  fillOptions(form.elements.namedItem("language"), meta.languages);
  syncForm(current());
  renderMeta();
}

loadMeta();
render();
