// The page's state is its URL query string: view, filters and per-view settings.

export const VIEWS = ["timeline", "map", "network", "events", "article"];

/** Every filter that the event endpoints accept (docs/api.md, "Event filters"). */
export const FILTER_KEYS = [
  "actor", "source", "target", "country", "plover", "cameo_root", "quad_class", "modality",
  "since", "until", "place_country", "place", "min_confidence", "language", "article", "q",
];

/** The filters that have an input in <form id="filters">; the others show as removable chips. */
export const FORM_KEYS = [
  "actor", "source", "target", "country", "plover", "modality", "since", "until",
  "min_confidence", "language", "q",
];

/** Per-view settings kept in the URL (never sent to an endpoint that does not take them). */
const VIEW_KEYS = ["interval", "sort", "offset"];

/** The current URL's query as URLSearchParams. */
export function current() {
  return new URLSearchParams(window.location.search);
}

export function viewOf(params) {
  const view = params.get("view");
  return VIEWS.includes(view) ? view : "timeline";
}

/** [key, value] pairs of the non-empty filters in params (repeated keys kept). */
export function filterEntries(params) {
  const out = [];
  for (const key of FILTER_KEYS) {
    for (const value of params.getAll(key)) {
      if (value !== null && value.trim() !== "") out.push([key, value.trim()]);
    }
  }
  return out;
}

/** Build a query string, every key and value through encodeURIComponent. */
export function toQuery(entries) {
  return entries
    .filter(([, v]) => v !== null && v !== undefined && String(v) !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
}

/** A URL path with a query built from entries ("/api/map" + "?actor=RUS"). */
export function withQuery(path, entries) {
  const query = toQuery(entries);
  return query ? `${path}?${query}` : path;
}

/**
 * A canonical query (keys in a fixed order, empty values dropped) for a state given as
 * {view, filters: [[k, v]…], extra: {interval, sort, offset, article, event}}.
 */
export function buildHref({ view, filters = [], extra = {} }) {
  const entries = [["view", view]];
  if (view === "article") {
    entries.push(["article", extra.article], ["event", extra.event]);
  }
  for (const [k, v] of filters) {
    if (view === "article" && k === "article") continue;
    entries.push([k, v]);
  }
  for (const key of VIEW_KEYS) entries.push([key, extra[key]]);
  return "?" + toQuery(entries);
}

/** The per-view settings of params, as an object. */
export function extrasOf(params) {
  const out = {};
  for (const key of [...VIEW_KEYS, "event"]) {
    const v = params.get(key);
    if (v !== null && v !== "") out[key] = v;
  }
  if (viewOf(params) === "article" && params.get("article")) out.article = params.get("article");
  return out;
}

/** The filters to carry from the current page into another view's link. */
export function carriedFilters(params) {
  // In the article view `article` names the article shown, not a filter.
  const filters = filterEntries(params);
  return viewOf(params) === "article" ? filters.filter(([k]) => k !== "article") : filters;
}
