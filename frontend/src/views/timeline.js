// Timeline: events per period stacked by quad class (/api/timeseries), and the mean Goldstein score.
import * as Plot from "@observablehq/plot";
import { getJSON } from "../api.js";
import { $, emptyNote, fill, fmtNumber } from "../dom.js";
import { buildHref } from "../state.js";
import { goldsteinColor } from "../colors.js";

export const QUADS = [
  { key: "quad1", label: "Verbal cooperation", color: "#9ecae1" },
  { key: "quad2", label: "Material cooperation", color: "#2b6cb0" },
  { key: "quad3", label: "Verbal conflict", color: "#f6ad55" },
  { key: "quad4", label: "Material conflict", color: "#c53030" },
];
const INTERVALS = ["day", "week", "month"];
const DAY = 86400000;

let last = null; // {series, interval, ctx} for redraws on resize

function parseDay(s) {
  const d = new Date(`${String(s).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function periodEnd(start, interval) {
  if (interval === "day") return new Date(start.getTime() + DAY);
  if (interval === "week") return new Date(start.getTime() + 7 * DAY);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

const isoDay = (d) => d.toISOString().slice(0, 10);

export async function render(ctx) {
  const requested = ctx.params.get("interval");
  const interval = INTERVALS.includes(requested) ? requested : "month";
  const select = $("#interval");
  select.value = interval;
  select.onchange = () => {
    const extra = { interval: select.value === "month" ? undefined : select.value };
    ctx.navigate(buildHref({ view: "timeline", filters: ctx.filters, extra }));
  };

  const chart = $("#timeline-chart");
  const goldstein = $("#goldstein-chart");
  chart.setAttribute("aria-busy", "true");
  const entries = [...ctx.filters];
  if (requested) entries.push(["interval", requested]);
  try {
    const data = await getJSON("/api/timeseries", entries, { signal: ctx.signal });
    const series = (data.series || [])
      .map((s) => ({ ...s, start: parseDay(s.period) }))
      .filter((s) => s.start);
    for (const s of series) s.end = periodEnd(s.start, interval);
    last = { series, interval, ctx, undated: Number(data.undated) || 0 };
    draw();
  } catch (error) {
    fill(chart);
    fill(goldstein);
    $("#timeline-undated").hidden = true;
    last = null;
    throw error;
  } finally {
    chart.removeAttribute("aria-busy");
  }
}

export function redraw() {
  if (last && !$("#view-timeline").hidden) draw();
}

function draw() {
  const { series, interval, ctx, undated } = last;
  const chart = $("#timeline-chart");
  const goldstein = $("#goldstein-chart");
  const note = $("#timeline-undated");
  note.hidden = !undated;
  note.textContent = undated ? `${undated} matching ${undated === 1 ? "event has" : "events have"} no date and ${undated === 1 ? "is" : "are"} not shown.` : "";
  if (!series.length) {
    fill(chart, emptyNote());
    fill(goldstein);
    goldstein.hidden = true;
    goldstein.previousElementSibling.hidden = true;
    return;
  }
  goldstein.hidden = false;
  goldstein.previousElementSibling.hidden = false;
  const width = Math.max(480, chart.clientWidth || 1100);

  const rows = [];
  for (const s of series) {
    for (const q of QUADS) {
      const n = Number(s[q.key] ?? 0);
      if (n > 0) rows.push({ x1: s.start, x2: s.end, period: s.period, quad: q.label, n });
    }
  }
  const bars = Plot.plot({
    width,
    height: 320,
    marginLeft: 50,
    x: { type: "utc", label: null },
    y: { grid: true, label: "Events" },
    color: { domain: QUADS.map((q) => q.label), range: QUADS.map((q) => q.color), legend: true },
    marks: [
      Plot.rectY(rows, {
        x1: "x1",
        x2: "x2",
        y: "n",
        fill: "quad",
        order: QUADS.map((q) => q.label),
        insetLeft: 0.5,
        insetRight: 0.5,
        title: (d) => `${d.period} (${interval}): ${d.n} ${d.n === 1 ? "event" : "events"}, ${d.quad.toLowerCase()}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  bars.classList.add("clickable");
  bars.addEventListener("click", (event) => openPeriod(event, bars, series, ctx));
  fill(chart, bars);

  const points = series
    .filter((s) => s.goldstein_mean !== null && s.goldstein_mean !== undefined)
    .map((s) => ({ x: new Date((s.start.getTime() + s.end.getTime()) / 2), g: Number(s.goldstein_mean), s }));
  // The line breaks over periods without events (a NaN point), rather than joining across them.
  const line = [];
  points.forEach((p, i) => {
    if (i && points[i - 1].s.end < p.s.start) line.push({ x: p.s.start, g: NaN });
    line.push(p);
  });
  const [x1, x2] = [series[0].start, series[series.length - 1].end];
  const goldsteinPlot = Plot.plot({
    width,
    height: 180,
    marginLeft: 50,
    x: { type: "utc", label: null, domain: [x1, x2] },
    y: { domain: [-10, 10], grid: true, label: "Mean Goldstein" },
    marks: [
      Plot.ruleY([0], { stroke: "#888" }),
      Plot.lineY(line, { x: "x", y: "g", stroke: "#555", strokeWidth: 1.5 }),
      Plot.dot(points, {
        x: "x",
        y: "g",
        r: 4,
        fill: (d) => goldsteinColor(d.g),
        stroke: "#333",
        strokeWidth: 0.5,
        title: (d) => `${d.s.period}: mean Goldstein ${fmtNumber(d.g, 2)} over ${d.s.events} events`,
      }),
    ],
  });
  fill(goldstein, goldsteinPlot);
}

/** A click on the bars lists the events of the period under the pointer. */
function openPeriod(event, svg, series, ctx) {
  let scale;
  try {
    scale = svg.scale("x");
  } catch {
    return;
  }
  if (!scale || !scale.invert) return;
  // With a legend Plot returns a <figure>; the chart is its own <svg> child.
  const plot = svg instanceof SVGSVGElement ? svg : svg.querySelector(":scope > svg");
  if (!plot) return;
  const rect = plot.getBoundingClientRect();
  const ratio = rect.width ? plot.width.baseVal.value / rect.width : 1;
  const at = scale.invert((event.clientX - rect.left) * ratio);
  if (!(at instanceof Date)) return;
  const hit = series.find((s) => s.start <= at && at < s.end);
  if (!hit) return;
  let since = isoDay(hit.start);
  let until = isoDay(new Date(hit.end.getTime() - DAY));
  const filters = ctx.filters.filter(([k]) => k !== "since" && k !== "until");
  const oldSince = ctx.params.get("since");
  const oldUntil = ctx.params.get("until");
  if (oldSince && oldSince > since) since = oldSince;
  if (oldUntil && oldUntil < until) until = oldUntil;
  filters.push(["since", since], ["until", until]);
  ctx.navigate(buildHref({ view: "events", filters }));
}
