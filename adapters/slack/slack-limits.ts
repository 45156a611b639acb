/**
 * Slack's platform limits, named once. Slack rejects a message that breaks one of these
 * (`invalid_blocks`, `msg_too_long`), so the renderer trims to them before anything is sent.
 */

/** Characters in one section block's text object. */
export const SECTION_TEXT_LIMIT = 3_000;
/** Blocks in one message. */
export const MAX_BLOCKS = 50;
/** Characters of the top-level `text` fallback (Slack truncates past 4,000; we never reach it). */
export const MESSAGE_TEXT_LIMIT = 4_000;
/** Characters in a button's `value`. */
export const BUTTON_VALUE_LIMIT = 2_000;
/** Characters in a button's label. */
export const BUTTON_TEXT_LIMIT = 75;
/** Characters in a header block (plain text). */
export const HEADER_TEXT_LIMIT = 150;
