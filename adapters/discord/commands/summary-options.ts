/**
 * The options /summary and /pin-summary share (points, section with autocomplete, topic), so the
 * two commands cannot drift apart.
 */
import type {
  ApplicationCommandOptionChoiceData, AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandBuilder,
  SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { Answerer, SummaryOptions } from '../../../src/index.ts';

export const MIN_POINTS = 1;
export const MAX_POINTS = 10;
const MAX_TOPIC_LENGTH = 200;

/** Adds `points`, `section` (autocomplete) and `topic` to a command. */
export function withSummaryOptions(builder: SlashCommandBuilder): SlashCommandOptionsOnlyBuilder {
  return builder
    .addIntegerOption((o) => o.setName('points').setDescription('How many points (1-10)').setMinValue(MIN_POINTS).setMaxValue(MAX_POINTS))
    .addStringOption((o) => o.setName('section').setDescription('Summarise one section').setAutocomplete(true))
    .addStringOption((o) => o.setName('topic').setDescription('Summarise what the article says about a topic').setMaxLength(MAX_TOPIC_LENGTH));
}

/** Reads the shared options into the core's SummaryOptions. */
export function summaryOptions(interaction: ChatInputCommandInteraction): SummaryOptions {
  return {
    points: interaction.options.getInteger('points') ?? undefined,
    section: interaction.options.getString('section') ?? undefined,
    topic: interaction.options.getString('topic') ?? undefined,
  };
}

/** Section headings matching what has been typed so far; the value is the section number. */
export function sectionChoices(interaction: AutocompleteInteraction, answerer: Answerer): ApplicationCommandOptionChoiceData<string>[] {
  const typed = interaction.options.getFocused().toLowerCase().trim();
  return answerer.help().sections
    .filter((s) => !typed || s.heading.toLowerCase().includes(typed) || String(s.number) === typed)
    .map((s) => ({ name: `${s.number}. ${s.heading}`, value: String(s.number) }));
}
