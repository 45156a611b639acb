/**
 * The report's text escaping and its two inline SVG charts (a stacked column chart over time and
 * a horizontal bar chart). No script, no external font: the page renders the same offline.
 *
 * Every chart carries `data-chart="<name>"` and every bar `data-value="<n>"`, so a test can check
 * that a chart is there and drew data without parsing geometry.
 */

// C0 and C1 controls except tab, newline and carriage return, which HTML treats as spaces.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// A high surrogate with no low one after it, or a low one with no high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi embeddings, overrides and isolates: in a terminal they can make a line read backwards.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Replaces control characters and lone surrogates with U+FFFD, so what was there stays visible. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '\uFFFD');
}

/** Text or attribute value, safe in HTML and in inline SVG. */
export function esc(text: string | number): string {
  return wellFormed(String(text)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** One line for a terminal: no escape sequences, no bidi tricks, no line breaks. */
export function terminalText(text: string): string {
  return wellFormed(text).replace(BIDI, '').replace(/\uFFFD/g, '?').replace(/\s+/g, ' ').trim();
}

/** Shortens to `max` characters (by code point) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The smallest 1-2-5 step giving at most about four gridlines above zero. */
function niceStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return Math.max(1, Math.round(step));
}

/** A number for an SVG attribute: short, and never "NaN". */
const n = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : 0);

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface ChartBucket {
  /** Axis label; empty for none (the caller picks which buckets to label). */
  label: string;
  /** Tooltip heading, e.g. the full date. */
  title: string;
  values: Record<string, number>;
}

export interface StackedChart {
  /** The `data-chart` name. */
  name: string;
  description: string;
  series: ChartSeries[];
  buckets: ChartBucket[];
  xLabel: string;
  yLabel: string;
}

const W = 800;

/** Columns over time, one segment per series, with gridlines, axis labels and tooltips. */
export function stackedColumnChart(chart: StackedChart): string {
  const H = 280;
  const [left, right, top, bottom] = [52, 12, 14, 50];
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const totals = chart.buckets.map((b) => chart.series.reduce((s, x) => s + (b.values[x.key] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const step = niceStep(max);
  const yMax = Math.max(step, Math.ceil(max / step) * step);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const slot = plotW / Math.max(1, chart.buckets.length);
  const barW = Math.max(1, Math.min(48, slot * 0.72));

  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(
      `<line class="grid" x1="${left}" x2="${W - right}" y1="${n(y(v))}" y2="${n(y(v))}"/>`,
      `<text class="tick" x="${left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${v}</text>`,
    );
  }
  chart.buckets.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let base = 0;
    const tip = [b.title, ...chart.series.map((s) => `${s.label}: ${b.values[s.key] ?? 0}`)].join('\n');
    parts.push(`<g class="bucket"><title>${esc(tip)}</title>`);
    for (const s of chart.series) {
      const v = b.values[s.key] ?? 0;
      if (v <= 0) continue;
      parts.push(
        `<rect data-value="${v}" data-series="${esc(s.key)}" x="${n(x)}" y="${n(y(base + v))}" width="${n(barW)}" height="${n(y(base) - y(base + v))}" fill="${s.color}"/>`,
      );
      base += v;
    }
    parts.push('</g>');
    if (b.label) {
      parts.push(`<text class="tick" x="${n(left + i * slot + slot / 2)}" y="${top + plotH + 16}" text-anchor="middle">${esc(b.label)}</text>`);
    }
  });
  parts.push(
    `<line class="axis" x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}"/>`,
    `<text class="axis-label" x="${left + plotW / 2}" y="${H - 8}" text-anchor="middle">${esc(chart.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(chart.yLabel)}</text>`,
  );
  const legend = chart.series
    .map((s) => `<span class="key"><span class="swatch" style="background:${s.color}"></span>${esc(s.label)}</span>`)
    .join('');
  return (
    `<figure class="chart"><div class="legend" aria-hidden="true">${legend}</div>` +
    `<svg data-chart="${esc(chart.name)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(chart.description)}">` +
    `<title>${esc(chart.description)}</title>${parts.join('')}</svg></figure>`
  );
}

export interface BarRow {
  label: string;
  /** Tooltip, e.g. the full label and id. */
  title: string;
  value: number;
}

export interface BarChart {
  name: string;
  description: string;
  rows: BarRow[];
  color: string;
  /** What the values count, for the axis caption ("times cited"). */
  valueLabel: string;
}

/** Horizontal bars, the label above each bar so long labels need no truncation to a column. */
export function horizontalBarChart(chart: BarChart): string {
  const rowH = 38;
  const [left, top] = [4, 6];
  const valueRoom = 56;
  const H = top + chart.rows.length * rowH + 26;
  const max = Math.max(1, ...chart.rows.map((r) => r.value));
  const scale = (W - left - valueRoom) / max;
  const parts = chart.rows.map((r, i) => {
    const y = top + i * rowH;
    const w = Math.max(2, r.value * scale);
    return (
      `<g class="row"><title>${esc(r.title)}</title>` +
      `<text class="bar-label" x="${left}" y="${y + 12}">${esc(truncate(r.label, 110))}</text>` +
      `<rect data-value="${r.value}" x="${left}" y="${y + 18}" width="${n(w)}" height="14" rx="2" fill="${chart.color}"/>` +
      `<text class="bar-value" x="${n(left + w + 6)}" y="${y + 30}">${r.value}</text></g>`
    );
  });
  parts.push(`<text class="axis-label" x="${left}" y="${H - 6}">${esc(chart.valueLabel)}</text>`);
  return (
    `<figure class="chart"><svg data-chart="${esc(chart.name)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(chart.description)}">` +
    `<title>${esc(chart.description)}</title>${parts.join('')}</svg></figure>`
  );
}
