// Slack's legacy `text` + `attachments` layout, which Mattermost and Rocket.Chat both take from
// incoming webhooks: the title line carries the severity's emoji, the attachment its colour, the
// body, the key facts and the run link. Text is Markdown-escaped and mass mentions defused.
import { textLength, truncate, truncateEscaped } from './truncate.js';
import { escapeMarkdown, markdownTitle, neutralizeMentions } from './markdown.js';
import { eventFacts, runLink, severityEmoji, severityHex } from './presentation.js';
import type { NotificationEvent } from '../core/event.js';

const TITLE_LIMIT = 1024;
const FALLBACK_LIMIT = 300;

interface Attachment {
  fallback: string;
  color: string;
  text?: string;
  title?: string;
  title_link?: string;
  fields: { title: string; value: string; short: boolean }[];
}

/** The message: a bold title line with the severity's emoji, and one coloured attachment. */
export function slackStyleMessage(event: NotificationEvent, { bold, textLimit }: { bold: '*' | '**'; textLimit: number }): { text: string; attachments: Attachment[] } {
  // Escaping at most doubles the title, so a quarter of the limit leaves room for the body.
  const title = truncate(event.title.replace(/\s*\n\s*/g, ' '), Math.min(TITLE_LIMIT, Math.floor(textLimit / 4)), 'codepoint');
  const text = `${severityEmoji(event.severity)} ${bold}${markdownTitle(title)}${bold}`;
  // Title line and body together stay within one post's limit, so clients that flatten the
  // attachment into the post (mobile push, the email digest) show it whole.
  const body = truncateEscaped(event.body, textLimit - textLength(text, 'codepoint'), 'codepoint', escapeMarkdown);
  const attachment: Attachment = {
    fallback: neutralizeMentions(truncate(event.body ? `${title}: ${event.body}` : title, FALLBACK_LIMIT, 'codepoint')),
    color: severityHex(event.severity),
    ...(body ? { text: body } : {}),
    fields: eventFacts(event).map((fact) => ({ title: fact.title, value: escapeMarkdown(fact.value), short: true })),
  };
  const link = runLink(event);
  if (link) Object.assign(attachment, { title: 'Open the run', title_link: link });
  return { text, attachments: [attachment] };
}


/** The overrides Slack-style incoming webhooks take, sent only when set (a webhook's settings may forbid them). */
export function withIdentity(body: Record<string, unknown>, cfg: { channel?: string; username?: string; icon_url?: string; icon_emoji?: string }): Record<string, unknown> {
  for (const key of ['channel', 'username', 'icon_url', 'icon_emoji'] as const) if (cfg[key]) body[key] = cfg[key];
  return body;
}
