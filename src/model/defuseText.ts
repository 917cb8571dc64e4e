/**
 * Text from outside (a model's reply) made safe to show: it cannot ping anyone or add a link.
 * The renderers escape Markdown on top of this, and every message goes out with no allowed
 * mentions; this is the layer that also holds for the JSON and the console.
 */

/** User, role and channel mentions, and Discord's custom emoji and timestamps. */
const DISCORD_TOKENS = /<(?:@[!&]?|#|a?:\w+:)\d+>|<t:\d+(?::\w)?>/g;
/** A link, with or without its scheme, and Discord's invite forms. */
export const LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>()[\]{}"'`]+[^\s<>()[\]{}"'`.,;:!?]|\b(?:discord(?:app)?\.(?:gg|com\/invite)|dsc\.gg)\/[\w-]+/gi;

/**
 * Mentions removed or broken: `<@123>`-style tokens are dropped, and a zero-width space after
 * every `@` keeps `@everyone`, `@here` and `@name` from pinging, even where mentions are allowed.
 */
export function defuseMentions(text: string): string {
  return text.replace(DISCORD_TOKENS, '').replace(/@/g, '@\u200b');
}

/** Links in a text, except those `allowed` holds exactly, removed. */
export function removeLinks(text: string, allowed: (url: string) => boolean): string {
  return text.replace(LINK, (url) => (allowed(url) ? url : ''));
}

/**
 * Markdown a model may write, reduced to its words: code fences and backticks, bold and
 * italics, headings, quotes and list marks, and masked links (`[text](url)` keeps its text;
 * the url is then judged like any other).
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/```[\w-]*\n?/g, '')
    .replace(/`/g, '')
    .replace(/\[([^\]\n]*[^\]\n\d, -][^\]\n]*)\]\(([^)\s]*)\)/g, '$1 $2')
    .replace(/(\*\*|__|\*|~~|\|\|)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/^\s{0,3}(#{1,6}\s+|>+\s?|[-*+•]\s+|\d+[.)]\s+)/gm, '')
    .replace(/\*\*|__|~~|\|\|/g, '');
}
