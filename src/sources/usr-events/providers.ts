// Provider formatting for profile webhooks (reference §5.5): generic, slack, discord — the bodies
// dnadesign posts, so existing receivers and golden files keep working. Slack sections are
// truncated to Slack's 3000-character limit with a visible marker (§10 #25); nothing else changes.
import type { NotifyPayload } from './payload.js';

export const PROVIDERS = ['discord', 'generic', 'slack'] as const;
export type Provider = (typeof PROVIDERS)[number];

export class ProviderError extends Error {}

export function normalizeProvider(value: string): Provider {
  const p = value.trim().toLowerCase();
  if (!(PROVIDERS as readonly string[]).includes(p)) throw new ProviderError('provider must be one of: discord, generic, slack');
  return p as Provider;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** `<STATUS> — <tool>/<run_id>` then message, host and cwd lines. */
export function summaryText(payload: NotifyPayload): string {
  const lines = [`${payload.status.toUpperCase()} \u2014 ${str(payload.tool) ?? '-'}/${str(payload.run_id) ?? '-'}`];
  if (str(payload.message)) lines.push(payload.message!);
  if (str(payload.host)) lines.push(`host: ${String(payload.host)}`);
  if (str(payload.cwd)) lines.push(`cwd: ${String(payload.cwd)}`);
  return lines.join('\n');
}

const EMOJI: Record<string, string> = {
  started: ':large_blue_circle:',
  running: ':large_blue_circle:',
  success: ':large_green_circle:',
  failure: ':red_circle:',
};

const SLACK_SECTION_LIMIT = 3000;
const MARK = '\n…(truncated)';

function section(text: string): Record<string, unknown> {
  const clipped = text.length > SLACK_SECTION_LIMIT ? text.slice(0, SLACK_SECTION_LIMIT - MARK.length) + MARK : text;
  return { type: 'section', text: { type: 'mrkdwn', text: clipped } };
}

export function formatPayload(provider: string, payload: NotifyPayload): Record<string, unknown> {
  const p = normalizeProvider(provider);
  if (p === 'generic') return { ...payload };
  const text = summaryText(payload);
  if (p === 'discord') return { content: text };
  const status = payload.status;
  const blocks: Record<string, unknown>[] = [section(`${EMOJI[status] ?? ':white_circle:'} *${status.toUpperCase()}*  \`${str(payload.tool) ?? '-'}/${str(payload.run_id) ?? '-'}\``)];
  const lines = (payload.message ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length) {
    blocks.push(section(lines[0]!));
    if (lines.length > 1) blocks.push(section(lines.slice(1, 12).join('\n')));
  }
  const context: Record<string, unknown>[] = [];
  if (str(payload.host)) context.push({ type: 'mrkdwn', text: `*host*: \`${String(payload.host)}\`` });
  if (str(payload.cwd)) context.push({ type: 'mrkdwn', text: `*cwd*: \`${String(payload.cwd)}\`` });
  if (context.length) blocks.push({ type: 'context', elements: context });
  return { text, blocks };
}

/** Slack host check (§5.5); other providers only need http(s) with a host. */
export function validateProviderUrl(provider: string, url: string): void {
  if (normalizeProvider(provider) !== 'slack') return;
  const parsed = new URL(url);
  const allowed = ['hooks.slack-gov.com', 'hooks.slack.com'];
  if (!allowed.includes(parsed.hostname)) throw new ProviderError(`slack provider requires webhook host in {${allowed.join(', ')}}; found: ${parsed.hostname}`);
  if (!parsed.pathname.startsWith('/services/')) throw new ProviderError('slack provider requires webhook path beginning with /services/');
}
