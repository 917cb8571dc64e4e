import type { SlashCommandBuilder, SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { PageRange } from './renderSummaryEmbed.js';

/** Adds the optional `from` and `to` date options that `/articles` and `/summary` share. */
export function addDateRangeOptions<T extends SlashCommandBuilder | SlashCommandOptionsOnlyBuilder>(
  builder: T,
): SlashCommandOptionsOnlyBuilder {
  return builder
    .addStringOption((option) =>
      option
        .setName('from')
        .setDescription('Only articles published on or after: 2005-03-01, 1 Mar 2005, March 2005')
        .setMaxLength(20),
    )
    .addStringOption((option) =>
      option
        .setName('to')
        .setDescription('Only articles published on or before: 2005-03-31, 31 Mar 2005, March 2005')
        .setMaxLength(20),
    );
}

/** The `from` and `to` a page button carries after the page and the owner (empty = none). */
export function readPageRange(parts: readonly string[]): { from?: string; to?: string } {
  const [from = '', to = ''] = parts;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** The dates asked for and how they read, as the page renderers and their buttons carry them. */
export function pageRangeOf(
  dates: { from?: string | null; to?: string | null },
  label?: string,
): PageRange {
  return {
    ...(dates.from ? { from: dates.from } : {}),
    ...(dates.to ? { to: dates.to } : {}),
    ...(label ? { label } : {}),
  };
}
