// One step, no config file: `webhook:` (and `webhook-type:`, `chat-id:`) become a one-sink config;
// a service URL (`webhook-type: url`, or any non-http `webhook`) becomes the sink it names.
// It is written as YAML under RUNNER_TEMP and loaded like any committed config, so the inline
// sink gets the same schema checks, secret handling and masking. The file holds `${VAR}`
// references only; the values travel in Herald's environment, never on disk.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../core/errors.js';
import { sinkFromServiceUrl } from '../config/service-url.js';

export const WEBHOOK_TYPES = ['webhook', 'slack', 'discord', 'telegram', 'url'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export interface InlineTarget {
  type: WebhookType;
  /** The URL, or for telegram the bot token. */
  webhook: string;
  chatId?: string;
}

/** The variables the inline config refers to. */
export const INLINE_VARS = { webhook: 'HERALD_INPUT_WEBHOOK', chatId: 'HERALD_INPUT_CHAT_ID' } as const;

/**
 * `url` reads `webhook` as a service URL (slack://, ntfys://…, or a webhook URL known by its host);
 * so does the default `webhook` when the value is not http(s), which before was an error.
 */
export function isServiceUrlTarget(target: InlineTarget): boolean {
  return target.type === 'url' || (target.type === 'webhook' && !/^https?:\/\//i.test(target.webhook));
}

/** The kind a service URL stands for, which names the inline sink; a UsageError that never echoes the URL. */
function serviceUrlKind(webhook: string): string {
  try {
    return String(sinkFromServiceUrl(webhook).config.kind);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(`input 'webhook': ${error.message}`, error.details.fix);
  }
}

export function checkInlineTarget(target: InlineTarget): void {
  if (isServiceUrlTarget(target)) {
    serviceUrlKind(target.webhook);
    return;
  }
  if (target.type === 'telegram') {
    if (!target.chatId) throw new UsageError("input 'chat-id' is required with webhook-type: telegram", "pass the chat (for example chat-id: ${{ vars.TELEGRAM_CHAT_ID }}); 'webhook' carries the bot token");
    if (/^https?:\/\//i.test(target.webhook)) throw new UsageError("input 'webhook' with webhook-type: telegram is the bot token, not a URL", 'pass webhook: ${{ secrets.TELEGRAM_BOT_TOKEN }}');
    return;
  }
  // Never echo the value: it is a secret even when it is malformed.
  if (!/^https?:\/\//i.test(target.webhook)) throw new UsageError(`input 'webhook' must be an http:// or https:// URL for webhook-type: ${target.type}`, 'pass webhook: ${{ secrets.YOUR_WEBHOOK_URL }}');
}

export function inlineConfigYaml(type: WebhookType, id: string = type): string {
  const ref = (name: string) => `\${${name}}`;
  const keys: Record<WebhookType, string[]> = {
    url: [`url: ${ref(INLINE_VARS.webhook)}`],
    webhook: [`url: ${ref(INLINE_VARS.webhook)}`],
    // One step and no config: the message shows the run (status emoji and colour, job, duration,
    // a link), as chat notifiers of the ecosystem do, rather than Bernstein's plain text.
    slack: [`webhook_url: ${ref(INLINE_VARS.webhook)}`, 'format: rich'],
    discord: [`webhook_url: ${ref(INLINE_VARS.webhook)}`, 'format: rich'],
    telegram: [`token: ${ref(INLINE_VARS.webhook)}`, `chat_id: ${ref(INLINE_VARS.chatId)}`, 'format: rich'],
  };
  // A service URL's kind comes from the URL, when the config is loaded.
  const kind = type === 'url' ? [] : [`      kind: ${type}`];
  return ['# Written by the Herald action from its webhook inputs.', 'notifications:', '  sinks:', `    - id: ${id}`, ...kind, ...keys[type].map((k) => `      ${k}`), ''].join('\n');
}

/** Writes the config into `dir` (under RUNNER_TEMP) and returns its path and the variables it needs. */
export async function writeInlineConfig(target: InlineTarget, dir: string): Promise<{ path: string; env: Record<string, string> }> {
  checkInlineTarget(target);
  const type = isServiceUrlTarget(target) ? 'url' : target.type;
  await mkdir(dir, { recursive: true });
  const path = join(dir, `inline-${type}.yml`);
  await writeFile(path, inlineConfigYaml(type, type === 'url' ? serviceUrlKind(target.webhook) : type));
  const env: Record<string, string> = { [INLINE_VARS.webhook]: target.webhook };
  if (target.chatId) env[INLINE_VARS.chatId] = target.chatId;
  return { path, env };
}
