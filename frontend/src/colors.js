// One diverging colour scale for the Goldstein score (-10 conflict … +10 cooperation), red to blue,
// shared by the map, the network and the timeline.
import * as Plot from "@observablehq/plot";

export const GOLDSTEIN_SCALE = { type: "diverging", scheme: "RdBu", domain: [-10, 10], pivot: 0 };
const scale = Plot.scale({ color: GOLDSTEIN_SCALE });
export const NO_SCORE = "#9a9a9a";

export function goldsteinColor(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return NO_SCORE;
  return scale.apply(Math.max(-10, Math.min(10, Number(value))));
}
