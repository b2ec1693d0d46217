// Evidence spans over an article's text. Offsets from the API count Unicode code points (Python
// string indices); JavaScript strings count UTF-16 units, so they are converted first.

/** A function mapping a code-point offset in text to a UTF-16 offset (identity for BMP-only text). */
export function codePointMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [0];
  let u = 0;
  for (const ch of text) {
    u += ch.length;
    units.push(u);
  }
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

/** Number of code points in text. */
export function codePointLength(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

const validOffset = (x) => typeof x === "number" && Number.isInteger(x) && x >= 0;

/**
 * Cut text at every span boundary. spans: [{start, end, cls, label}] in code points.
 * Returns [{text, classes: [...], labels: [...]}], one entry per segment, in order; a segment that
 * no span covers has no classes. Spans with bad offsets (negative, past the end, empty) are dropped.
 */
export function segment(text, spans) {
  const length = codePointLength(text);
  const toUnit = codePointMapper(text);
  const good = spans.filter(
    (s) => validOffset(s.start) && validOffset(s.end) && s.start < s.end && s.end <= length,
  );
  const cuts = new Set([0, length]);
  for (const s of good) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...good].sort((a, b) => a.start - b.start);
  const out = [];
  let active = [];
  let k = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    active = active.filter((s) => s.end > a);
    while (k < byStart.length && byStart[k].start <= a) {
      if (byStart[k].end > a) active.push(byStart[k]);
      k++;
    }
    const classes = [];
    const labels = [];
    for (const s of active) {
      if (!classes.includes(s.cls)) classes.push(s.cls);
      if (s.label && !labels.includes(s.label)) labels.push(s.label);
    }
    const piece = text.slice(toUnit(a), toUnit(b));
    if (piece) out.push({ text: piece, classes, labels });
  }
  return out;
}

/** Describe an actor side for a title: "Police (FRACOP)". */
function side(ref) {
  if (!ref) return "";
  const name = ref.name || ref.text || "";
  const code = ref.code || ref.country || ref.sector || "";
  return code && code !== name ? `${name} (${code})` : name;
}

/**
 * The spans of a record: every event's trigger / source / target (only those of event `selected`
 * when it is a valid index), and all places, dates, amounts and quotations.
 */
export function recordSpans(record, selected = null) {
  const spans = [];
  const events = Array.isArray(record.events) ? record.events : [];
  events.forEach((ev, i) => {
    if (!ev || (selected !== null && i !== selected)) return;
    const what = [ev.plover, ev.cameo ? `CAMEO ${ev.cameo}` : null].filter(Boolean).join(", ") || "event";
    spans.push({ start: ev.start, end: ev.end, cls: "span-trigger", label: `trigger of ${what} (event ${i})` });
    if (ev.source && ev.source.start >= 0) spans.push({ start: ev.source.start, end: ev.source.end, cls: "span-source", label: `source: ${side(ev.source)}` });
    if (ev.target && ev.target.start >= 0) spans.push({ start: ev.target.start, end: ev.target.end, cls: "span-target", label: `target: ${side(ev.target)}` });
  });
  for (const p of record.locations || []) {
    if (!p) continue;
    const where = [p.name, p.country].filter(Boolean);
    spans.push({ start: p.start, end: p.end, cls: "span-place", label: `place: ${where[0] ?? p.text ?? ""}${where[1] ? ` (${where[1]})` : ""}` });
  }
  for (const d of record.dates || []) {
    if (!d) continue;
    spans.push({ start: d.start, end: d.end, cls: "span-date", label: `date: ${d.value ?? d.text ?? ""}${d.resolution ? ` (${d.resolution})` : ""}` });
  }
  for (const a of record.amounts || []) {
    if (!a) continue;
    const kind = a.count_type ? ` [${a.count_type}]` : "";
    spans.push({ start: a.start, end: a.end, cls: "span-amount", label: `amount: ${a.value ?? ""}${a.object ? ` ${a.object}` : a.unit ? ` ${a.unit}` : ""}${kind}` });
  }
  for (const q of record.quotations || []) {
    if (!q) continue;
    const who = q.speaker ? ` by ${q.speaker}${q.speaker_code ? ` (${q.speaker_code})` : ""}` : "";
    spans.push({ start: q.start, end: q.end, cls: "span-quote", label: `${q.kind ? `${q.kind} ` : ""}quotation${who}` });
  }
  return spans;
}
