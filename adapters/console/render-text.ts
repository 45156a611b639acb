/**
 * The console's one rendering module: neutral answers, summaries, passages and help as terminal
 * text, plus the JSON shapes of the CLI contract (`ask --json/--jsonl`, `summary --json`).
 */
import type { Answer, HelpInfo, Passage, PassageLookup, Summary } from '../../src/index.ts';

/** Quoted passages are shown up to this many characters in the console (full text with /passage). */
const QUOTE_CHARS = 300;

function quote(text: string, max = QUOTE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,;:]+$/, '')}…`;
}

export function renderAnswer(answer: Answer): string {
  // Typo correction is shown, so a wrong reading is seen for what it is.
  const readAs = answer.kind !== 'usage' && answer.readAs ? `(Read as “${answer.readAs}”.)\n` : '';
  if (answer.kind !== 'answered') return readAs + answer.text;
  const lines = [readAs + answer.text, ''];
  answer.citations.forEach((c, i) => {
    lines.push(`[${i + 1}] ${c.label} (${c.id})`);
    lines.push(`    “${quote(c.text)}”`);
  });
  return lines.join('\n');
}

export function renderSummary(summary: Summary): string {
  if (summary.kind !== 'summary') return summary.text;
  const scope = summary.scope.type === 'section' ? ` — ${summary.scope.heading}` : summary.scope.type === 'topic' ? ` — on “${summary.scope.topic}”` : '';
  const lines = [`Summary of “${summary.title}”${scope}`, ''];
  summary.points.forEach((p, i) => lines.push(`${i + 1}. ${p.text}`, `   — ${p.citation.label} (${p.citation.id})`));
  return lines.join('\n');
}

export function renderPassage(lookup: PassageLookup): string {
  if (lookup.kind !== 'passage') return lookup.text;
  const p: Passage = lookup.passage;
  return `${p.label} (${p.id})\n\n${p.text}`;
}

export function renderHelp(help: HelpInfo): string {
  return [
    `I answer questions about “${help.title}”${help.author ? ` by ${help.author}` : ''}, quoting the passages I rely on.`,
    '',
    'Ask a question in plain words, for example:',
    ...help.examples.map((e) => `  ${e}`),
    '',
    'Commands:',
    '  /summary [N] [section or topic]   a cited summary (N points, 1-10; default 5)',
    '  /passage <id>                     one passage in full, e.g. /passage alaska-summit/s2/p1',
    '  /help                             this text',
    '  /quit                             leave',
    '',
    'Sections:',
    ...help.sections.map((s) => `  ${s.number}. ${s.heading}`),
  ].join('\n');
}

/** The `ask --json/--jsonl` line: the contract `../shared/eval/score.mjs` reads. */
export function answerJson(answer: Answer): Record<string, unknown> {
  return {
    question: answer.question,
    ...(answer.kind !== 'usage' && answer.readAs ? { readAs: answer.readAs } : {}),
    answered: answer.kind === 'answered',
    kind: answer.kind,
    answer: answer.text,
    citations: answer.kind === 'answered'
      ? answer.citations.map((c) => ({ id: c.id, label: c.label, heading: c.heading, text: c.text, score: c.score }))
      : [],
  };
}

/** The `summary --json` shape. */
export function summaryJson(summary: Summary): Record<string, unknown> {
  if (summary.kind !== 'summary') return { kind: summary.kind, title: null, points: [], message: summary.text };
  return {
    kind: 'summary',
    title: summary.title,
    scope: summary.scope,
    points: summary.points.map((p) => ({ text: p.text, citation: { id: p.citation.id, label: p.citation.label, heading: p.citation.heading, text: p.citation.text } })),
  };
}
