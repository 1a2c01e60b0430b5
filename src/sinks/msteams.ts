// Microsoft Teams through a Workflows (Power Automate) webhook: Office 365 connectors are retired,
// and the "When a Teams webhook request is received" trigger posts the Adaptive Card it is given.
// Title and body are TextRuns, which Adaptive Cards never read as Markdown, so nothing in an event
// can format the card; the whole request is kept under Teams' ~28 KB message limit. Power
// Automate answers errors as {"error": {"code", "message"}}; both reach the outcome.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { classifyHttpResponse, jsonBody, postJson } from './http.js';
import { textLength, truncate } from './truncate.js';
import { eventFacts, runLink, severityEmoji } from './presentation.js';
import type { NotificationEvent } from '../core/event.js';

/** Teams refuses messages above about 28 KB ("Request Entity too large"); a margin for the envelope. */
export const TEAMS_PAYLOAD_BYTES = 27_000;
const TITLE_LIMIT = 500;
/** A body line is one card element; a long log tail is cut here rather than by bytes alone. */
const BODY_LINE_LIMIT = 120;

const STYLE: Record<string, { container: string; colour: string }> = {
  info: { container: 'accent', colour: 'Accent' },
  warning: { container: 'warning', colour: 'Warning' },
  error: { container: 'attention', colour: 'Attention' },
  critical: { container: 'attention', colour: 'Attention' },
};

const TeamsConfig = {
  webhook_url: z.string({ message: "msteams sink requires 'webhook_url' (a Teams Workflows webhook URL)" }).check(z.regex(/^https?:\/\//i, "msteams 'webhook_url' must start with http:// or https://")),
};

type CardElement = Record<string, unknown>;

/** One RichTextBlock per line: a TextRun shows its text as written, line breaks included nowhere. */
function bodyLines(body: string): CardElement[] {
  const lines = body.split(/\r?\n/);
  const kept = lines.length > BODY_LINE_LIMIT ? [...lines.slice(0, BODY_LINE_LIMIT - 1), `… [${lines.length - BODY_LINE_LIMIT + 1} more lines]`] : lines;
  return kept.map((line, index) => ({
    type: 'RichTextBlock',
    spacing: index === 0 ? 'Medium' : 'None',
    // An empty TextRun is invalid; a no-break space keeps the blank line.
    inlines: [{ type: 'TextRun', text: line || '\u00a0' }],
  }));
}

/**
 * The facts as "Title: value" lines of TextRuns. A FactSet would align them, but Teams reads
 * Fact.title and Fact.value as Markdown, where a task or label could add links or formatting.
 */
function factLines(event: NotificationEvent): CardElement[] {
  return eventFacts(event).map((fact, index) => ({
    type: 'RichTextBlock',
    spacing: index === 0 ? 'Medium' : 'None',
    inlines: [
      { type: 'TextRun', text: `${fact.title}: `, weight: 'Bolder', isSubtle: true },
      { type: 'TextRun', text: fact.value, isSubtle: true },
    ],
  }));
}

function card(event: NotificationEvent, title: string, body: string): Record<string, unknown> {
  const style = STYLE[event.severity] ?? STYLE.info!;
  const elements: CardElement[] = [
    {
      type: 'Container',
      style: style.container,
      bleed: true,
      items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `${severityEmoji(event.severity)} ${title}`, weight: 'Bolder', size: 'Medium', color: style.colour }] }],
    },
    ...(body ? bodyLines(body) : []),
    ...factLines(event),
  ];
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body: elements,
  };
  const link = runLink(event);
  if (link) content.actions = [{ type: 'Action.OpenUrl', title: 'Open the run', url: link }];
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] };
}

const size = (payload: unknown) => Buffer.byteLength(JSON.stringify(payload), 'utf8');

/** The message, its body cut (by bytes, on a character boundary) until the request fits. */
export function teamsMessage(event: NotificationEvent): Record<string, unknown> {
  const title = truncate(event.title.replace(/\s*\n\s*/g, ' '), TITLE_LIMIT, 'codepoint');
  let room = textLength(event.body, 'utf8');
  for (;;) {
    const payload = card(event, title, truncate(event.body, room, 'utf8'));
    const over = size(payload) - TEAMS_PAYLOAD_BYTES;
    if (over <= 0 || room === 0) return payload;
    room = Math.max(0, room - over);
  }
}

export const msteams = defineSink({
  kind: 'msteams',
  config: TeamsConfig,
  secretKeys: ['webhook_url'],
  defaultTimeoutS: 15,
  // Teams throttles a webhook sending more than four requests a second.
  limits: { perWindow: 4, windowMs: 1000 },
  rateKey: (cfg) => cfg.webhook_url,
  destination: (cfg) => cfg.webhook_url,
  render(event, cfg) {
    return { target: `POST ${cfg.webhook_url}`, body: teamsMessage(event) };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const response = await postJson(ctx.http, cfg.webhook_url, message.body, ctx.timeoutMs);
    // {"error": {"code": "WorkflowTriggerIsNotEnabled", "message": "…"}}
    const error = jsonBody(response)?.error as { code?: unknown; message?: unknown } | undefined;
    const said = error && typeof error === 'object' ? [error.code, error.message].filter((part) => typeof part === 'string' && part).join(': ') : response.text;
    classifyHttpResponse({ ...response, text: said || response.text }, cfg.webhook_url, ctx.nowMs());
    return { response: `http ${response.status}` };
  },
});
