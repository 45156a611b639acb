/**
 * Every text the chat adapters say on their own behalf (not the core's answers), written once so
 * Slack and Discord cannot drift apart. Platform-specific fixes ("invite me with /invite",
 * "grant Pin Messages") stay with their adapter.
 */
export const TEXTS = {
  /** The core or a handler threw: a bug on our side, logged with the stack. */
  apology: 'Sorry, something went wrong on my side while working on that. It has been logged; please try again, or rephrase the question.',
  /** New work while shutting down. */
  restarting: 'I’m restarting right now. Please ask again in a minute.',
  /** Over the per-user rate limit. */
  slowDown: (seconds: number) => `You’re asking faster than I can keep up. Please try again in ${seconds} s.`,
  feedbackThanks: (vote: 'up' | 'down') => (vote === 'up' ? 'Thanks! Glad it helped 👍' : 'Thanks, noted 👎 — that helps me get better.'),
  feedbackChanged: (vote: 'up' | 'down') => `Changed your vote to ${vote === 'up' ? '👍' : '👎'}. Thanks!`,
  feedbackFailed: 'Sorry, I couldn’t save your feedback just now. Please try again later.',
  oldButton: 'That button is from an older version of me; ask again for a fresh answer.',
  unknownCommand: (name: string) => `I don’t know the command “${name}”. Try /help to see what I can do.`,
  pinCooldown: (seconds: number) => `A summary was pinned here moments ago. Please wait ${seconds} s before pinning another.`,
  pinned: (unpinned: number) => (unpinned ? 'Pinned the summary, and unpinned my previous one.' : 'Pinned the summary.'),
  /** A Discord reply whose @mention was turned off arrives without its text. */
  emptyReply: 'I could not read that reply: I only see replies that keep the @mention on. Mention me, or turn the ping back on, and ask again.',
  passageUsage: (example: string) => `Give me a passage id, e.g. \`${example}\`. Each answer’s “Full passage” button shows one too.`,
} as const;
