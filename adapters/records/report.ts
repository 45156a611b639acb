/**
 * The maintainer's report (`npm run report`): what people asked, what the bot could not answer,
 * which answers were voted down, which passages carry the answers, and how fast it replied.
 *
 * `buildReport` is pure: records in, one self-contained HTML page and a terminal summary out.
 * `scripts/report.ts` reads the record store and writes the file. The page has no script and
 * loads nothing (a Content-Security-Policy of `default-src 'none'` holds that), so it opens the
 * same from a laptop, a CI artefact or an email attachment. Questions and answers are hostile
 * input: every one goes through `esc` and sits in a `<bdi>`, so no markup and no right-to-left
 * override leaks out of it.
 */
import type { FeedbackRecord, Platform, QuestionRecord } from './record-store.ts';
import { DEFAULT_GROUP_OPTIONS, groupQuestions, type GroupOptions, type QuestionGroup } from './report-groups.ts';
import { esc, horizontalBarChart, stackedColumnChart, terminalText, truncate, type ChartBucket } from './report-svg.ts';

export { DEFAULT_ALIASES, groupQuestions, jaccard, questionTerms, type QuestionGroup } from './report-groups.ts';

type Outcome = QuestionRecord['outcome'];

export interface ReportInput {
  questions: QuestionRecord[];
  feedback: FeedbackRecord[];
  /** "Generated at", in ms; defaults to `Date.now()`. */
  now?: number;
  /** The article's title, shown under the heading. */
  title?: string;
  /** Passage id -> what a reader understands ("The Ukraine War, paragraph 2"). */
  passageLabels?: Map<string, string>;
}

export interface ReportOptions extends GroupOptions {
  /** Unanswered groups shown (the summary shows the first 3). Default 12. */
  maxGroups: number;
  /** Other wordings shown per group. Default 4. */
  maxVariants: number;
  /** Down-voted answers listed, newest first. Default 20. */
  maxDownvoted: number;
  /** Passages in the most-cited chart. Default 10. */
  maxPassages: number;
  /** Where the page is written, for the summary's last line. */
  writtenTo?: string;
  /** The window the records were read for (`--days`), named when it holds no question. */
  days?: number;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  ...DEFAULT_GROUP_OPTIONS,
  maxGroups: 12,
  maxVariants: 4,
  maxDownvoted: 20,
  maxPassages: 10,
};

export interface Report {
  html: string;
  summary: string;
}

const HOUR = 3_600_000;
const MAX_AXIS_LABELS = 12;
const DAY = 24 * HOUR;
const OUTCOMES: readonly Outcome[] = ['answered', 'not-covered', 'usage', 'error'];
const SERIES = [
  { key: 'answered', label: 'answered', color: '#2f855a' },
  { key: 'not-covered', label: 'not covered', color: '#dd8a1e' },
  { key: 'usage', label: 'usage reply', color: '#8792a2' },
  { key: 'error', label: 'error', color: '#c53030' },
] as const;

/** Latency figures for one platform (or all of them). */
export interface LatencyRow {
  platform: Platform | 'all';
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** Everything the page and the summary show, computed once. */
export interface ReportData {
  now: number;
  title?: string;
  /** First and last question (ms); absent for an empty log. */
  period?: { from: number; to: number };
  counts: Record<Outcome, number> & { questions: number; users: number };
  /**
   * answered / (answered + not-covered + error): usage replies (an empty question, a help
   * request) are not questions the article could have answered. Absent when the denominator is 0.
   */
  answeredRate?: number;
  bucket: 'hour' | 'day';
  timeline: { start: number; counts: Record<Outcome, number> }[];
  unanswered: QuestionGroup[];
  votes: { up: number; down: number };
  /** Newest first. */
  downvoted: FeedbackRecord[];
  /** Most cited first. */
  cited: { id: string; label?: string; count: number }[];
  latency: LatencyRow[];
}

const zero = (): Record<Outcome, number> => ({ answered: 0, 'not-covered': 0, usage: 0, error: 0 });

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function latencyRow(platform: LatencyRow['platform'], records: readonly QuestionRecord[]): LatencyRow {
  const ms = records.map((r) => r.latencyMs).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return { platform, count: records.length, medianMs: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95), maxMs: ms.at(-1) ?? 0 };
}

/** Counts, groups and figures from the records; the page and the summary both render this. */
export function summariseRecords(input: ReportInput, options: Partial<ReportOptions> = {}): ReportData {
  const opts = { ...DEFAULT_REPORT_OPTIONS, ...options };
  const questions = [...input.questions].filter((q) => Number.isFinite(q.at)).sort((a, b) => a.at - b.at);
  const now = input.now ?? Date.now();
  const counts = { ...zero(), questions: questions.length, users: new Set(questions.map((q) => q.user)).size };
  for (const q of questions) if (OUTCOMES.includes(q.outcome)) counts[q.outcome]++;
  const considered = counts.answered + counts['not-covered'] + counts.error;

  const first = questions[0]?.at;
  const last = questions.at(-1)?.at;
  const bucket = first !== undefined && last !== undefined && last - first >= 2 * DAY ? 'day' : 'hour';
  const size = bucket === 'day' ? DAY : HOUR;
  const timeline: ReportData['timeline'] = [];
  if (first !== undefined && last !== undefined) {
    const start = Math.floor(first / size) * size;
    for (let t = start; t <= last; t += size) timeline.push({ start: t, counts: zero() });
    for (const q of questions) {
      const slot = timeline[Math.floor((q.at - start) / size)];
      if (slot && OUTCOMES.includes(q.outcome)) slot.counts[q.outcome]++;
    }
  }

  const citedCount = new Map<string, number>();
  for (const q of questions) for (const id of new Set(q.citations)) citedCount.set(id, (citedCount.get(id) ?? 0) + 1);
  const cited = [...citedCount]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, count]) => ({ id, label: input.passageLabels?.get(id), count }));

  const platforms = [...new Set(questions.map((q) => q.platform))].sort();
  const latency = platforms.map((p) => latencyRow(p, questions.filter((q) => q.platform === p)));
  if (platforms.length > 1) latency.push(latencyRow('all', questions));

  return {
    now,
    title: input.title,
    period: first !== undefined && last !== undefined ? { from: first, to: last } : undefined,
    counts,
    answeredRate: considered > 0 ? counts.answered / considered : undefined,
    bucket,
    timeline,
    unanswered: groupQuestions(questions.filter((q) => q.outcome === 'not-covered'), opts),
    votes: {
      up: input.feedback.filter((f) => f.vote === 'up').length,
      down: input.feedback.filter((f) => f.vote === 'down').length,
    },
    downvoted: input.feedback.filter((f) => f.vote === 'down').sort((a, b) => b.at - a.at),
    cited,
    latency,
  };
}

// ---- formatting ------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2025-08-15 14:05" (UTC: the report reads the same wherever it is opened). */
const dateTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const dayLabel = (ms: number) => `${MONTHS[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCDate()}`;
const percent = (rate: number | undefined) => (rate === undefined ? '–' : `${Math.round(rate * 100)}%`);
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
/** User text in the page: escaped, and isolated so a right-to-left override stays inside it. */
const user = (text: string, max = 2000) => `<bdi>${esc(truncate(text, max))}</bdi>`;

function periodText(data: ReportData): string {
  if (!data.period) return 'no questions';
  const days = (data.period.to - data.period.from) / DAY;
  const span = days >= 1 ? plural(Math.round(days * 10) / 10, 'day') : plural(Math.round((days * 24) * 10) / 10, 'hour');
  return `${dateTime(data.period.from)} to ${dateTime(data.period.to)} UTC (${span})`;
}

function passageName(p: { id: string; label?: string }): string {
  return p.label ? `${p.label} (${p.id})` : p.id;
}

// ---- the page --------------------------------------------------------------------------------

const CSS = `
:root { color-scheme: light; --ink: #1a202c; --muted: #5a6474; --line: #e2e6ec; --bg: #f6f7f9; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
header, main, footer { max-width: 980px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 12px; }
.sub, .note, footer { color: var(--muted); }
.sub { margin: 0 0 20px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(112px, 1fr)); gap: 10px; margin: 0 0 14px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.card .n { font-size: 22px; font-weight: 650; display: block; }
.card .k { color: var(--muted); font-size: 13px; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin: 0 0 6px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
svg text { font-family: inherit; fill: #4a5568; }
svg .tick { font-size: 11px; }
svg .axis-label { font-size: 12px; fill: var(--muted); }
svg .bar-label { font-size: 13px; fill: var(--ink); }
svg .bar-value { font-size: 12px; font-weight: 600; }
svg .grid { stroke: #edf0f4; }
svg .axis { stroke: #a0aab8; }
svg g.bucket:hover rect, svg g.row:hover rect { opacity: .8; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 7px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td, .answer, .question { overflow-wrap: anywhere; }
ul.variants { margin: 4px 0 0; padding-left: 18px; color: var(--muted); font-size: 14px; }
.tag { display: inline-block; background: #fdf1e1; color: #8a5410; border-radius: 10px; padding: 0 8px; font-size: 12px; margin: 0 4px 2px 0; }
.vote { border-top: 1px solid var(--line); padding: 12px 0; }
.vote:first-of-type { border-top: 0; padding-top: 0; }
.meta { color: var(--muted); font-size: 13px; }
.question { font-weight: 600; margin: 2px 0 6px; }
.answer { margin: 0 0 8px; padding: 8px 12px; background: #f8f9fb; border-left: 3px solid #c53030; white-space: pre-wrap; font-size: 14px; }
ul.citations { margin: 0; padding-left: 18px; font-size: 14px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #eef1f5; padding: 1px 4px; border-radius: 4px; }
.empty { text-align: center; padding: 48px 20px; }
.empty h2 { font-size: 22px; }
footer { font-size: 13px; padding-bottom: 28px; }
`;

function page(data: ReportData, body: string): string {
  const heading = 'summit-bot report';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(data.title ? `${heading}: ${data.title}` : heading)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${heading}</h1>
<p class="sub">${data.title ? `${user(data.title, 200)} · ` : ''}${esc(periodText(data))}</p>
</header>
<main>
${body}
</main>
<footer>Generated ${esc(dateTime(data.now))} UTC by <code>npm run report</code>. Times are UTC; user ids are salted hashes.</footer>
</body>
</html>
`;
}

function card(value: string | number, key: string): string {
  return `<div class="card"><span class="n">${esc(value)}</span><span class="k">${esc(key)}</span></div>`;
}

function activitySection(data: ReportData): string {
  const c = data.counts;
  const cards = [
    card(c.questions, 'questions'),
    card(percent(data.answeredRate), 'answered rate'),
    card(c.answered, 'answered'),
    card(c['not-covered'], 'not covered'),
    card(c.usage, 'usage replies'),
    card(c.error, 'errors'),
    card(c.users, c.users === 1 ? 'person' : 'people'),
  ].join('');
  // About a dozen axis labels at most; hours on round steps, each midnight as its date.
  const every = Math.max(1, Math.ceil(data.timeline.length / MAX_AXIS_LABELS));
  const hourStep = [1, 2, 3, 4, 6, 12, 24].find((h) => h >= every) ?? 24;
  const buckets: ChartBucket[] = data.timeline.map((t, i) => {
    const hour = new Date(t.start).getUTCHours();
    const label =
      data.bucket === 'day'
        ? (i % every === 0 ? dayLabel(t.start) : '')
        : hour % hourStep !== 0
          ? ''
          : hour === 0
            ? dayLabel(t.start)
            : `${String(hour).padStart(2, '0')}:00`;
    return {
      label,
      title: data.bucket === 'day' ? `${new Date(t.start).toISOString().slice(0, 10)} (UTC)` : `${dateTime(t.start)} UTC`,
      values: t.counts,
    };
  });
  const chart = stackedColumnChart({
    name: 'outcomes-over-time',
    description: `Questions per ${data.bucket} by outcome`,
    series: [...SERIES],
    buckets,
    xLabel: data.bucket === 'day' ? 'day (UTC)' : 'hour (UTC)',
    yLabel: 'questions',
  });
  return `<section id="activity">
<h2>Questions over time</h2>
<div class="cards">${cards}</div>
${chart}
<p class="note">Answered rate: answered ÷ (answered + not covered + errors); usage replies (empty questions, help) are left out.</p>
</section>`;
}

function unansweredSection(data: ReportData, opts: ReportOptions): string {
  const groups = data.unanswered.slice(0, opts.maxGroups);
  if (groups.length === 0) {
    return `<section id="unanswered"><h2>Most frequent unanswered questions</h2><p class="note">Every question in this period was answered or was a usage reply.</p></section>`;
  }
  const rows = groups.map((g) => {
    const variants = g.variants.slice(0, opts.maxVariants);
    const more = g.variants.length - variants.length;
    const list = variants.length
      ? `<ul class="variants">${variants.map((v) => `<li>${user(v.text, 300)}${v.count > 1 ? ` <span class="meta">×${v.count}</span>` : ''}</li>`).join('')}${more > 0 ? `<li>and ${plural(more, 'other wording')}</li>` : ''}</ul>`
      : '';
    const reasons = g.reasons.map((r) => `<span class="tag">${user(r.reason, 80)} ×${r.count}</span>`).join('') || '<span class="meta">–</span>';
    return `<tr><td class="num">${g.count}</td><td><div class="question">${user(g.representative, 300)}</div>${list}</td><td>${reasons}</td><td class="num meta">${esc(dateTime(g.lastAt))}</td></tr>`;
  });
  const hidden = data.unanswered.length - groups.length;
  return `<section id="unanswered">
<h2>Most frequent unanswered questions</h2>
<p class="note">Not-covered questions grouped by similar wording (Jaccard similarity of their content words ≥ ${esc(opts.similarity)}).</p>
<table><thead><tr><th class="num">asked</th><th>question and other wordings</th><th>reasons given</th><th class="num">last asked</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${hidden > 0 ? `<p class="note">And ${plural(hidden, 'smaller group')}.</p>` : ''}
</section>`;
}

function downvotedSection(data: ReportData, opts: ReportOptions, labels?: Map<string, string>): string {
  const shown = data.downvoted.slice(0, opts.maxDownvoted);
  const total = data.votes.up + data.votes.down;
  const cards = `<div class="cards">${card(data.votes.up, 'voted up')}${card(data.votes.down, 'voted down')}${card(total ? percent(data.votes.up / total) : '–', 'up share')}</div>`;
  const items = shown.map((f) => {
    const citations = f.citations.length
      ? `<ul class="citations">${f.citations.map((id) => {
          const label = labels?.get(id);
          return `<li><code>${esc(id)}</code>${label ? ` ${esc(label)}` : ''}</li>`;
        }).join('')}</ul>`
      : '<p class="meta">No citations.</p>';
    return `<article class="vote"><div class="meta">${esc(dateTime(f.at))} UTC · ${esc(f.platform)}</div>
<div class="question">${user(f.question, 500)}</div>
<div class="answer">${user(f.answerText, 3000)}</div>
${citations}</article>`;
  });
  const hidden = data.downvoted.length - shown.length;
  return `<section id="downvoted">
<h2>Answers voted down</h2>
${cards}
${items.length ? items.join('\n') : '<p class="note">No answer was voted down.</p>'}
${hidden > 0 ? `<p class="note">And ${plural(hidden, 'older one')}.</p>` : ''}
</section>`;
}

function citedSection(data: ReportData, opts: ReportOptions): string {
  const rows = data.cited.slice(0, opts.maxPassages);
  const body = rows.length
    ? horizontalBarChart({
        name: 'cited-passages',
        description: 'Most cited passages',
        color: '#3867b8',
        valueLabel: 'answers citing the passage',
        rows: rows.map((p) => ({ label: p.label ? `${p.label} · ${p.id}` : p.id, title: passageName(p), value: p.count })),
      })
    : '<p class="note">No answer cited a passage yet.</p>';
  return `<section id="cited">\n<h2>Most cited passages</h2>\n${body}\n</section>`;
}

function latencySection(data: ReportData): string {
  const rows = data.latency.map(
    (l) => `<tr><td>${esc(l.platform)}</td><td class="num">${l.count}</td><td class="num">${esc(duration(l.medianMs))}</td><td class="num">${esc(duration(l.p95Ms))}</td><td class="num">${esc(duration(l.maxMs))}</td></tr>`,
  );
  return `<section id="latency">
<h2>Latency</h2>
<table><thead><tr><th>platform</th><th class="num">questions</th><th class="num">median</th><th class="num">p95</th><th class="num">slowest</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<p class="note">From the question arriving to the reply being ready, every outcome included.</p>
</section>`;
}

const inWindow = (days?: number) => (days ? ` in the last ${plural(days, 'day')}` : '');

function emptyBody(data: ReportData, days?: number): string {
  const votes = data.votes.up + data.votes.down;
  return `<section class="empty" id="empty">
<h2>No questions recorded yet</h2>
<p class="note">None${esc(inWindow(days))}. Ask the bot something (in Slack, Discord, or <code>npm start</code> with no tokens), then run <code>npm run report</code> again.${votes ? ` ${esc(plural(votes, 'vote'))} recorded from earlier.` : ''}</p>
</section>`;
}

// ---- the summary -----------------------------------------------------------------------------

function summaryText(data: ReportData, opts: ReportOptions): string {
  const lines = [`summit-bot report${data.title ? `: ${terminalText(data.title)}` : ''}`];
  const where = opts.writtenTo ? `Report written to ${opts.writtenTo}` : undefined;
  if (data.counts.questions === 0) {
    lines.push(`No questions recorded yet${inWindow(opts.days)}.`);
    if (where) lines.push(where);
    return lines.join('\n');
  }
  const c = data.counts;
  lines.push(
    `Period: ${periodText(data)}`,
    `Questions: ${c.questions} · answered ${c.answered} (${percent(data.answeredRate)}) · not covered ${c['not-covered']} · usage ${c.usage} · errors ${c.error}`,
  );
  const top = data.unanswered.slice(0, 3);
  if (top.length) {
    lines.push('Top unanswered:');
    top.forEach((g, i) => {
      const others = g.variants.length ? ` (+${plural(g.variants.length, 'other wording')})` : '';
      lines.push(`  ${i + 1}. ${g.count}× "${truncate(terminalText(g.representative), 80)}"${others}`);
    });
  }
  lines.push(`Votes: 👍 ${data.votes.up} · 👎 ${data.votes.down}`);
  const cited = data.cited[0];
  if (cited) lines.push(`Most cited: ${terminalText(passageName(cited))}, ${plural(cited.count, 'answer')}`);
  if (where) lines.push(where);
  return lines.join('\n');
}

/** The report page and its terminal summary. Pure: same records, same output. */
export function buildReport(input: ReportInput, options: Partial<ReportOptions> = {}): Report {
  const opts = { ...DEFAULT_REPORT_OPTIONS, ...options };
  const data = summariseRecords(input, opts);
  const body =
    data.counts.questions === 0
      ? emptyBody(data, opts.days)
      : [activitySection(data), unansweredSection(data, opts), downvotedSection(data, opts, input.passageLabels), citedSection(data, opts), latencySection(data)].join('\n');
  return { html: page(data, body), summary: summaryText(data, opts) };
}
