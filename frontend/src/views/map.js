// Map: one dot per place (/api/map) over world-atlas's 110m countries, bundled into the page
// (no tiles, nothing fetched from outside the server).
import * as Plot from "@observablehq/plot";
import { feature, mesh } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { getJSON } from "../api.js";
import { $, el, emptyNote, fill, fmtNumber } from "../dom.js";
import { buildHref } from "../state.js";
import { GOLDSTEIN_SCALE, NO_SCORE } from "../colors.js";

const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
const MAX_R = 22;
const MIN_R = 2.5;

let last = null;

export async function render(ctx) {
  const chart = $("#map-chart");
  const tbody = $("#map-table tbody");
  chart.setAttribute("aria-busy", "true");
  try {
    const data = await getJSON("/api/map", ctx.filters, { signal: ctx.signal });
    const places = (data.places || []).filter(
      (p) => Number.isFinite(Number(p.lat)) && Number.isFinite(Number(p.lon)) && p.lat !== null && p.lon !== null,
    );
    last = { places, all: data.places || [], ctx };
    draw();
    renderTable(tbody, data.places || [], ctx);
  } catch (error) {
    fill(chart);
    tbody.replaceChildren();
    last = null;
    throw error;
  } finally {
    chart.removeAttribute("aria-busy");
  }
}

export function redraw() {
  if (last && !$("#view-map").hidden) draw();
}

export function dotTitle(p) {
  const where = p.country ? `${p.name} (${p.country})` : `${p.name}`;
  const g = p.goldstein_mean === null || p.goldstein_mean === undefined ? "n/a" : fmtNumber(p.goldstein_mean, 1);
  return `${where}: ${p.events} ${Number(p.events) === 1 ? "event" : "events"}, mean Goldstein ${g}`;
}

function draw() {
  const { places, all } = last;
  const chart = $("#map-chart");
  const width = Math.max(480, chart.clientWidth || 1100);
  const max = Math.max(1, ...places.map((p) => Number(p.events) || 0));
  const dots = places
    .map((p) => ({ ...p, lat: Number(p.lat), lon: Number(p.lon), radius: MIN_R + (MAX_R - MIN_R) * Math.sqrt((Number(p.events) || 0) / max) }))
    .sort((a, b) => b.radius - a.radius); // big dots first, small ones drawn over them
  const scored = dots.filter((p) => p.goldstein_mean !== null && p.goldstein_mean !== undefined);
  const unscored = dots.filter((p) => p.goldstein_mean === null || p.goldstein_mean === undefined);

  const common = { x: "lon", y: "lat", r: "radius", stroke: "#1a202c", strokeWidth: 0.7, fillOpacity: 0.85, title: dotTitle };
  const svg = Plot.plot({
    width,
    projection: { type: "equal-earth", domain: { type: "Sphere" } },
    r: { type: "identity" },
    color: { ...GOLDSTEIN_SCALE, legend: true, label: "Mean Goldstein score" },
    marks: [
      Plot.sphere({ fill: "#f4f8fb", stroke: "#9aa5b1" }),
      Plot.graticule({ stroke: "#dde3ea" }),
      Plot.geo(countries, { fill: "#e6e2d8", stroke: "none" }),
      Plot.geo(borders, { stroke: "#b8b2a4", strokeWidth: 0.5 }),
      Plot.dot(scored, { ...common, fill: "goldstein_mean" }),
      Plot.dot(unscored, { ...common, fill: NO_SCORE }),
    ],
  });
  const children = [svg];
  if (!all.length) children.unshift(emptyNote());
  else if (all.length > places.length) {
    children.push(el("p", { class: "hint" }, `${all.length - places.length} of ${all.length} places have no coordinates and are listed below only.`));
  }
  fill(chart, ...children);
}

function renderTable(tbody, places, ctx) {
  const top = [...places].sort((a, b) => (Number(b.events) || 0) - (Number(a.events) || 0)).slice(0, 20);
  tbody.replaceChildren(
    ...top.map((p) => {
      const filters = ctx.filters.filter(([k]) => k !== "place");
      filters.push(["place", p.name]);
      const link = el("a", { href: buildHref({ view: "events", filters }), title: `List the events at ${p.name}` }, p.name ?? "");
      return el(
        "tr",
        { title: dotTitle(p) },
        el("td", null, link),
        el("td", null, p.country ?? ""),
        el("td", { class: "num" }, String(p.events ?? 0)),
      );
    }),
  );
}
