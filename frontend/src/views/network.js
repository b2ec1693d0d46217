// Network: actors and dyads (/api/network) drawn with cytoscape; the edges are also listed in a table.
import cytoscape from "cytoscape";
import { getJSON } from "../api.js";
import { $, el, emptyNote, fill, fmtNumber } from "../dom.js";
import { buildHref } from "../state.js";
import { goldsteinColor } from "../colors.js";

let cy = null;

function destroy() {
  if (cy) {
    cy.destroy();
    cy = null;
  }
}

export async function render(ctx) {
  const box = $("#network-graph");
  const tbody = $("#network-edges tbody");
  box.setAttribute("aria-busy", "true");
  let data;
  try {
    data = await getJSON("/api/network", ctx.filters, { signal: ctx.signal });
  } catch (error) {
    destroy();
    box.replaceChildren();
    tbody.replaceChildren();
    throw error;
  } finally {
    box.removeAttribute("aria-busy");
  }
  const nodes = (data.nodes || []).filter((n) => n && n.id !== null && n.id !== undefined && n.id !== "");
  const edges = (data.edges || []).filter((e) => e && e.source && e.target);
  renderTable(tbody, edges, nodes, ctx);
  destroy();
  box.replaceChildren();
  if (!edges.length && !nodes.length) {
    box.classList.add("is-empty");
    fill(box, emptyNote());
    window.annalesNetwork = null;
    return;
  }
  box.classList.remove("is-empty");

  // Every edge end must be a node: add any the API did not list.
  const known = new Map(nodes.map((n) => [String(n.id), n]));
  for (const e of edges) {
    for (const id of [String(e.source), String(e.target)]) {
      if (!known.has(id)) known.set(id, { id, label: id, country: null, events: 0 });
    }
  }
  const nodeMax = Math.max(1, ...[...known.values()].map((n) => Number(n.events) || 0));
  const edgeMax = Math.max(1, ...edges.map((e) => Number(e.events) || 0));
  const elements = [
    ...[...known.values()].map((n) => ({
      group: "nodes",
      data: {
        id: String(n.id),
        label: n.label && n.label !== n.id ? `${n.label} (${n.id})` : String(n.id),
        events: Number(n.events) || 0,
        country: n.country ?? "",
        size: 18 + 42 * Math.sqrt((Number(n.events) || 0) / nodeMax),
      },
    })),
    ...edges.map((e, i) => ({
      group: "edges",
      data: {
        id: `edge-${i}`,
        source: String(e.source),
        target: String(e.target),
        events: Number(e.events) || 0,
        goldstein_mean: e.goldstein_mean,
        width: 1 + 9 * Math.sqrt((Number(e.events) || 0) / edgeMax),
        color: goldsteinColor(e.goldstein_mean),
      },
    })),
  ];

  cy = cytoscape({
    container: box,
    elements,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          "background-color": "#4a5568",
          label: "data(label)",
          "font-size": 11,
          "font-family": "system-ui, sans-serif",
          color: "#1a202c",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-outline-color": "#fff",
          "text-outline-width": 2,
        },
      },
      { selector: "node:active, node:selected", style: { "background-color": "#2b6cb0" } },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.8,
          "curve-style": "bezier",
          opacity: 0.85,
        },
      },
    ],
    layout: {
      name: "cose",
      animate: false,
      randomize: true,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 90,
      padding: 30,
    },
  });
  cy.on("tap", "node", (event) => {
    const code = event.target.id();
    const filters = ctx.filters.filter(([k]) => k !== "actor");
    filters.push(["actor", code]);
    ctx.navigate(buildHref({ view: "events", filters }));
  });
  cy.on("mouseover", "node", () => box.classList.add("pointer"));
  cy.on("mouseout", "node", () => box.classList.remove("pointer"));
  window.annalesNetwork = cy;
}

function renderTable(tbody, edges, nodes, ctx) {
  const labels = new Map(nodes.map((n) => [String(n.id), n.label ?? ""]));
  const cell = (code) => el("td", { title: labels.get(String(code)) || null }, String(code));
  const dyadHref = (e) => {
    const filters = ctx.filters.filter(([k]) => k !== "source" && k !== "target");
    filters.push(["source", String(e.source)], ["target", String(e.target)]);
    return buildHref({ view: "events", filters });
  };
  tbody.replaceChildren(
    ...edges.map((e) =>
      el(
        "tr",
        null,
        cell(e.source),
        cell(e.target),
        el("td", { class: "num" }, el("a", { href: dyadHref(e), title: "List these events" }, String(e.events ?? 0))),
        el("td", { class: "num" }, fmtNumber(e.goldstein_mean, 2)),
      ),
    ),
  );
}
