// kind → sink definition. Builtins first; plugins are added by the loader and cannot shadow them.
import type { AnySinkDefinition } from './define.js';
import { webhook } from './webhook.js';
import { consoleSink } from './console.js';
import { fileSink } from './file.js';
import { slack } from './slack.js';
import { discord } from './discord.js';
import { telegram } from './telegram.js';
import { emailSmtp } from './email.js';
import { pagerduty } from './pagerduty.js';
import { jira } from './jira.js';
import { shell } from './shell.js';
import { pluginSink } from './plugin.js';
import { usrWebhook } from './usr-webhook.js';
import { mattermost } from './mattermost.js';
import { rocketchat } from './rocketchat.js';
import { ntfy } from './ntfy.js';
import { msteams } from './msteams.js';
import { googlechat } from './googlechat.js';
import { webex } from './webex.js';
import { matrix } from './matrix.js';
import { zulip } from './zulip.js';
import { gotify } from './gotify.js';
import { pushover } from './pushover.js';

const BUILTINS: AnySinkDefinition[] = [
  webhook, consoleSink, fileSink, slack, discord, telegram, emailSmtp, pagerduty, jira, shell, usrWebhook, pluginSink,
  mattermost, rocketchat, ntfy, msteams, googlechat, webex, matrix, zulip, gotify, pushover,
];

/** Other names a kind is known by (Bernstein's and dnadesign's spellings). */
const ALIASES: Record<string, string> = { email: 'email_smtp' };

export class SinkRegistry {
  private readonly kinds = new Map<string, AnySinkDefinition>();

  constructor(definitions: AnySinkDefinition[] = BUILTINS) {
    for (const d of definitions) this.kinds.set(d.kind, d);
  }

  get(kind: string): AnySinkDefinition | undefined {
    return this.kinds.get(ALIASES[kind] ?? kind);
  }

  has(kind: string): boolean {
    return this.get(kind) !== undefined;
  }

  list(): string[] {
    return [...this.kinds.keys(), ...Object.keys(ALIASES)].sort();
  }

  /** Adds a plugin kind; a builtin kind is never replaced. */
  addPlugin(definition: AnySinkDefinition): void {
    if (this.has(definition.kind)) {
      throw new Error(`plugin kind '${definition.kind}' is already a builtin or loaded kind`);
    }
    this.kinds.set(definition.kind, definition);
  }
}
