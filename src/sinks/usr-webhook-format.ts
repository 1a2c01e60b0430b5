// The bodies dnadesign's notify posts for a profile webhook (reference §5.5): `generic` is the
// notify payload itself; `slack` and `discord` summarise it. Kept byte for byte where the text is
// plain, so existing receivers and golden files keep working; what users write (messages, tool,
// run, host) gets the Slack sink's mrkdwn escaping, and every text fits its service's limit with a
// visible marker, cut between characters, never inside a surrogate pair (reference §10 #25).
import { escapeMrkdwn, SLACK_TEXT_LIMIT } from './slack.js';
import { DISCORD_LIMITS } from './discord.js';
import { truncate } from './truncate.js';

export const USR_PROVIDERS = ['discord', 'generic', 'slack'] as const;
export type UsrProvider = (typeof USR_PROVIDERS)[number];

/** The dnadesign notify payload (reference §5.4): what `generic` posts and what is spooled. */
export type UsrPayload = Record<string, unknown> & { status: string; tool: string; run_id: string; timestamp: string; meta: Record<string, unknown>; message?: string };

export class ProviderError extends Error {}

export function normalizeProvider(value: string): UsrProvider {
  const p = value.trim().toLowerCase();
  if (!(USR_PROVIDERS as readonly string[]).includes(p)) throw new ProviderError('provider must be one of: discord, generic, slack');
  return p as UsrProvider;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** `<STATUS> — <tool>/<run_id>` then message, host and cwd lines. */
export function summaryText(payload: UsrPayload): string {
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

// Slack refuses a section whose text is over 3,000 characters.
const SLACK_SECTION_LIMIT = 3000;

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SLACK_SECTION_LIMIT, 'utf16') } };
}

export function formatUsrPayload(provider: UsrProvider, payload: UsrPayload): Record<string, unknown> {
  if (provider === 'generic') return { ...payload };
  if (provider === 'discord') return { content: truncate(summaryText(payload), DISCORD_LIMITS.content, 'codepoint') };
  const status = payload.status;
  const where = escapeMrkdwn(`${str(payload.tool) ?? '-'}/${str(payload.run_id) ?? '-'}`);
  const blocks: Record<string, unknown>[] = [section(`${EMOJI[status] ?? ':white_circle:'} *${status.toUpperCase()}*  \`${where}\``)];
  const lines = (payload.message ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map(escapeMrkdwn);
  if (lines.length) {
    blocks.push(section(lines[0]!));
    if (lines.length > 1) blocks.push(section(lines.slice(1, 12).join('\n')));
  }
  const context: Record<string, unknown>[] = [];
  if (str(payload.host)) context.push({ type: 'mrkdwn', text: truncate(`*host*: \`${escapeMrkdwn(String(payload.host))}\``, SLACK_SECTION_LIMIT, 'utf16') });
  if (str(payload.cwd)) context.push({ type: 'mrkdwn', text: truncate(`*cwd*: \`${escapeMrkdwn(String(payload.cwd))}\``, SLACK_SECTION_LIMIT, 'utf16') });
  if (context.length) blocks.push({ type: 'context', elements: context });
  return { text: truncate(escapeMrkdwn(summaryText(payload)), SLACK_TEXT_LIMIT, 'utf16'), blocks };
}

/** Slack's host and path check (reference §5.5); other providers only need http(s) with a host. */
export function providerUrlProblem(provider: UsrProvider, url: string): string | undefined {
  if (provider !== 'slack') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Webhook URL must be http(s) with a host.';
  }
  const allowed = ['hooks.slack-gov.com', 'hooks.slack.com'];
  if (!allowed.includes(parsed.hostname)) return `slack provider requires webhook host in {${allowed.join(', ')}}; found: ${parsed.hostname}`;
  if (!parsed.pathname.startsWith('/services/')) return 'slack provider requires webhook path beginning with /services/';
  return undefined;
}
