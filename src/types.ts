/**
 * The platform-neutral domain model shared by the core and every adapter.
 * Nothing here knows about Slack, Discord or the terminal: adapters render these values.
 */

/** One article, loaded from a Markdown file in `corpus/`. */
export interface Document {
  /** File name without `.md`, e.g. `alaska-summit`; the first segment of every passage id. */
  id: string;
  title: string;
  author?: string;
  source?: string;
  /** Example questions from the front matter (`examples:`), shown in help and suggestions. */
  examples?: string[];
  sections: Section[];
}

/** A run of paragraphs under one heading. The untitled lead is section 0, "Introduction". */
export interface Section {
  /** e.g. `alaska-summit/s2` */
  id: string;
  docId: string;
  /** 0 for the untitled lead, then 1.. in article order. */
  number: number;
  heading: string;
  passages: Passage[];
}

/** A paragraph: the unit the bot cites. */
export interface Passage {
  /** Stable, human-readable id, e.g. `alaska-summit/s2/p1` (paragraphs count from 1). */
  id: string;
  docId: string;
  sectionNumber: number;
  paragraphNumber: number;
  heading: string;
  /** What a reader understands: "The Ukraine War: Hard Bargains, No Compromise, paragraph 2". */
  label: string;
  /** The paragraph, verbatim. */
  text: string;
  sentences: Sentence[];
  /** Position of this paragraph in the whole document, from 0. */
  order: number;
}

/** A sentence of a passage, verbatim. */
export interface Sentence {
  /** e.g. `alaska-summit/s2/p1/t3` (sentences count from 1). */
  id: string;
  passageId: string;
  text: string;
  /** Index within its passage, from 0. */
  index: number;
}

/** A quoted source for an answer or a summary point. */
export interface Citation {
  /** Passage id. */
  id: string;
  label: string;
  heading: string;
  /** The cited passage's full text, verbatim. */
  text: string;
  /** Relevance, higher is better; comparable only within one answer. */
  score: number;
}

/** What `ask()` returns. Expected outcomes are values, never exceptions. */
export type Answer =
  | {
      kind: 'answered';
      question: string;
      /** The question as read, when typo correction changed it ("how long was the meeting"). */
      readAs?: string;
      /** One to three sentences, verbatim from the article, joined by a space. */
      text: string;
      sentences: string[];
      /** Up to 3, best first. */
      citations: Citation[];
      /** The scorer's probability that the article answers the question (absent for metadata answers and summaries). */
      confidence?: number;
    }
  | {
      kind: 'not-covered';
      question: string;
      /** The question as read, when typo correction changed it. */
      readAs?: string;
      /** A plain sentence saying the article does not cover it and why, and what it does cover. */
      text: string;
      /**
       * Why: a name the article never mentions, no fact of the shape asked for (no number for a
       * "how many"), question words the article does not speak of, or too little confidence.
       */
      reason?: 'unknown-name' | 'missing-fact' | 'unmatched' | 'low-confidence';
      /** The scorer's probability that the article answers the question. */
      confidence?: number;
      /** Names in the question the article never mentions ("Boris Johnson"). */
      unknownNames: string[];
      /** A few example questions or section names the article does answer. */
      suggestions: string[];
    }
  | {
      kind: 'usage';
      question: string;
      /** Why the input is not a question we can take. */
      reason: 'empty' | 'too-long' | 'no-content';
      text: string;
    };

/**
 * One earlier exchange in a conversation (a thread or a DM), as the adapters remember it and pass
 * back to `ask()` so a follow-up ("why?", "and Putin?") can be read against it.
 */
export interface ConversationTurn {
  /** The question as the user typed it. */
  question: string;
  /** The question as the core read it (a follow-up resolved, a typo corrected), when different. */
  readAs?: string;
  /** What the answer was. */
  answerKind: Answer['kind'];
  /** The answer's text (its sentences), when it answered: a "who" answer is what "she" refers to next. */
  answer?: string;
  /** Cited passage ids, best first. */
  citations: string[];
  /** Milliseconds since the epoch. */
  at: number;
}

/** Options for `ask()`. */
export interface AskOptions {
  /** The conversation so far, oldest first; only the last turns matter. Default: none. */
  conversation?: readonly ConversationTurn[];
}

/** Options for `summarize()`. */
export interface SummaryOptions {
  /** 1 to 10; default 5. */
  points?: number;
  /** A heading, matched loosely ("road ahead"), or a section number ("2"). */
  section?: string;
  /** Free text: summarise what the article says about it. */
  topic?: string;
}

export interface SummaryPoint {
  /** One or two sentences, verbatim (a long one may be cut at a clause, with an ellipsis). */
  text: string;
  citation: Citation;
}

/** What `summarize()` returns. */
export type Summary =
  | {
      kind: 'summary';
      /** The article's title. */
      title: string;
      /** What was summarised: the whole article, a section heading, or a topic. */
      scope: { type: 'article' } | { type: 'section'; heading: string; number: number } | { type: 'topic'; topic: string };
      points: SummaryPoint[];
    }
  | {
      kind: 'usage';
      /** What was wrong and how to ask, e.g. the list of sections for an unknown one. */
      text: string;
    }
  | {
      kind: 'not-covered';
      topic: string;
      text: string;
    };

/** What `passage()` returns. */
export type PassageLookup =
  | { kind: 'passage'; passage: Passage }
  | { kind: 'not-found'; id: string; text: string };

/** Help content the adapters render: what the bot does and example questions. */
export interface HelpInfo {
  title: string;
  author?: string;
  examples: string[];
  sections: { number: number; heading: string }[];
}

/** The answer core, as the adapters see it. */
export interface Answerer {
  readonly document: Document;
  /** Resolves once the sentence encoder and the article's embeddings are ready (ask waits for it too). */
  readonly ready: Promise<void>;
  /** Answers one question; never rejects. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  summarize(options?: SummaryOptions): Promise<Summary>;
  /**
   * The free text after a `/summary` command: `[N] [section or topic]`, e.g. "3 road ahead",
   * "china", "7". A leading whole number is the point count; the rest names a section when it
   * matches one (heading, loosely, or its number as `section 2`), else it is a topic.
   */
  summarizeText(args: string): Promise<Summary>;
  passage(id: string): PassageLookup;
  /** Every passage in article order (for autocomplete and listings). */
  passages(): readonly Passage[];
  help(): HelpInfo;
}
