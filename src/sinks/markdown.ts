// Escaping for the Markdown chat services (Mattermost, Rocket.Chat, Webex): event text is shown as
// written, never as formatting, links or mass mentions, whatever characters a job name contains.

// CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that format.
const MARKDOWN_SPECIAL = /[\\`*_~[\]<>#|]/g;
// @channel, @all and @here notify everyone in the room; a zero-width space keeps the text and
// stops the ping (the services offer webhooks no allowed_mentions switch, as Discord does).
const MASS_MENTION = /@(channel|all|here)\b/gi;

export function escapeMarkdown(text: string): string {
  return neutralizeMentions(text.replace(MARKDOWN_SPECIAL, '\\$&'));
}

/** For plain-text fields (a notification's fallback) that are not Markdown but still ping. */
export function neutralizeMentions(text: string): string {
  return text.replace(MASS_MENTION, '@\u200b$1');
}

/** A title on one line (a line break would end the bold early), escaped. */
export function markdownTitle(title: string): string {
  return escapeMarkdown(title.replace(/\s*\n\s*/g, ' '));
}
