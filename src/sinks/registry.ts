// kind → sink definition. Builtins first; plugins are added by the loader and cannot shadow them.
import type { AnySinkDefinition } from './define.js';

type Load = () => Promise<AnySinkDefinition>;

// Each kind's module is imported when a config names it: a run with a console sink does not
// evaluate twenty other services and build their schemas.
const BUILTINS: Record<string, Load> = {
  webhook: async () => (await import('./webhook.js')).webhook,
  console: async () => (await import('./console.js')).consoleSink,
  file: async () => (await import('./file.js')).fileSink,
  slack: async () => (await import('./slack.js')).slack,
  discord: async () => (await import('./discord.js')).discord,
  telegram: async () => (await import('./telegram.js')).telegram,
  email_smtp: async () => (await import('./email.js')).emailSmtp,
  pagerduty: async () => (await import('./pagerduty.js')).pagerduty,
  jira: async () => (await import('./jira.js')).jira,
  shell: async () => (await import('./shell.js')).shell,
  usr_webhook: async () => (await import('./usr-webhook.js')).usrWebhook,
  plugin: async () => (await import('./plugin.js')).pluginSink,
  mattermost: async () => (await import('./mattermost.js')).mattermost,
  rocketchat: async () => (await import('./rocketchat.js')).rocketchat,
  ntfy: async () => (await import('./ntfy.js')).ntfy,
  msteams: async () => (await import('./msteams.js')).msteams,
  googlechat: async () => (await import('./googlechat.js')).googlechat,
  webex: async () => (await import('./webex.js')).webex,
  matrix: async () => (await import('./matrix.js')).matrix,
  zulip: async () => (await import('./zulip.js')).zulip,
  gotify: async () => (await import('./gotify.js')).gotify,
  pushover: async () => (await import('./pushover.js')).pushover,
};

/** Other names a kind is known by (Bernstein's and dnadesign's spellings). */
const ALIASES: Record<string, string> = { email: 'email_smtp' };

export class SinkRegistry {
  private readonly kinds = new Map<string, AnySinkDefinition>();
  private readonly lazy: Map<string, Load>;

  /** With definitions, exactly those kinds (tests, libraries); without, the builtins, loaded on demand. */
  constructor(definitions?: AnySinkDefinition[]) {
    this.lazy = new Map(definitions ? [] : Object.entries(BUILTINS));
    for (const d of definitions ?? []) this.kinds.set(d.kind, d);
  }

  /** Imports the definitions of these kinds (unknown names are left for the check to report);
   *  of every builtin kind without a list. */
  async load(kinds?: Iterable<string>): Promise<this> {
    const wanted = kinds ? [...kinds].map((k) => ALIASES[k] ?? k) : [...this.lazy.keys()];
    await Promise.all(
      [...new Set(wanted)]
        .filter((kind) => this.lazy.has(kind) && !this.kinds.has(kind))
        .map(async (kind) => void this.kinds.set(kind, await this.lazy.get(kind)!())),
    );
    return this;
  }

  /** The definition of a loaded kind; undefined for a kind Herald does not have. */
  get(kind: string): AnySinkDefinition | undefined {
    const name = ALIASES[kind] ?? kind;
    const definition = this.kinds.get(name);
    // A builtin asked for before load() is a bug in the caller, not an unknown kind to report.
    if (!definition && this.lazy.has(name)) throw new Error(`sink kind '${name}' was not loaded: call registry.load() first`);
    return definition;
  }

  has(kind: string): boolean {
    const name = ALIASES[kind] ?? kind;
    return this.kinds.has(name) || this.lazy.has(name);
  }

  list(): string[] {
    return [...new Set([...this.lazy.keys(), ...this.kinds.keys()]), ...Object.keys(ALIASES)].sort();
  }

  /** Adds a plugin kind; a builtin kind is never replaced. */
  addPlugin(definition: AnySinkDefinition): void {
    if (this.has(definition.kind)) {
      throw new Error(`plugin kind '${definition.kind}' is already a builtin or loaded kind`);
    }
    this.kinds.set(definition.kind, definition);
  }
}
