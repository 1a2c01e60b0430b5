// Corpus cases made systematically rather than by hand, from the sink registry's own schemas:
// every sink kind with each required key missing, unset (${VAR}), of a wrong type, and with a
// misspelt key (which must be suggested); misspelt kinds; the common sink keys and the top-level
// block with values out of range. A new sink kind is covered as soon as it has a MINIMAL entry.
import { stringify } from 'yaml';
import { SinkRegistry } from '../../src/sinks/registry.js';
import { CommonSinkShape } from '../../src/core/config-schema.js';
import type { CorpusCase } from './case.js';

/** The least config each builtin kind runs with (loopback and temp paths: nothing leaves the machine). */
const MINIMAL: Record<string, Record<string, unknown>> = {
  webhook: { url: 'http://127.0.0.1:9/hook' },
  slack: { webhook_url: 'http://127.0.0.1:9/services/T/B/x' },
  discord: { webhook_url: 'http://127.0.0.1:9/api/webhooks/1/x' },
  telegram: { token: '123:abc', chat_id: '42' },
  email_smtp: { host: '127.0.0.1', port: 9, from_addr: 'a@example.com', to_addrs: ['b@example.com'] },
  pagerduty: { routing_key: 'abcdefabcdefabcdefabcdefabcdefab' },
  jira: { base_url: 'http://127.0.0.1:9', email: 'a@example.com', api_token: 'tok', project: 'OPS' },
  shell: { command: ['true'] },
  file: { path: 'out/events.jsonl' },
  console: {},
  usr_webhook: { url: 'http://127.0.0.1:9/hook', provider: 'generic' },
};

function config(sink: Record<string, unknown>, block: Record<string, unknown> = {}): string {
  return stringify({ notifications: { ...block, sinks: [sink] } });
}

function typo(key: string): string {
  return `${key.slice(0, -1)}${key.at(-1) === 'x' ? 'y' : 'x'}${key.at(-1)}`;
}

export async function generatedCases(): Promise<CorpusCase[]> {
  const registry = await new SinkRegistry().load();
  const cases: CorpusCase[] = [];
  const at = (key: string) => `notifications.sinks[0].${key}`;
  for (const [kind, minimal] of Object.entries(MINIMAL)) {
    const definition = registry.get(kind)!;
    const shape = definition.config as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const base = { id: 's', kind, ...minimal };
    cases.push({ name: `${kind}: the minimal config validates`, files: { 'herald.yml': config(base) }, args: ['validate'], exit: 0, says: ['ok'] });
    const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
    for (const key of required) {
      const without = { ...base } as Record<string, unknown>;
      delete without[key];
      cases.push({ name: `${kind}: required '${key}' missing`, files: { 'herald.yml': config(without) }, args: ['send'], exit: 2, says: ['herald.yml', at(key)] });
      cases.push({ name: `${kind}: required '${key}' of a wrong type`, files: { 'herald.yml': config({ ...base, [key]: { nested: [1] } }) }, args: ['validate'], exit: 2, says: ['herald.yml', at(key)] });
      if (typeof minimal[key] === 'string') {
        cases.push({ name: `${kind}: required '${key}' from an unset variable`, files: { 'herald.yml': config({ ...base, [key]: '${CORPUS_UNSET}' }) }, args: ['send'], exit: 2, says: ['${CORPUS_UNSET} is not set', at(key)] });
        cases.push({ name: `${kind}: required '${key}' unset, under validate`, files: { 'herald.yml': config({ ...base, [key]: '${CORPUS_UNSET}' }) }, args: ['validate'], exit: 2, says: ['missing: ${CORPUS_UNSET}'] });
      }
    }
    for (const key of Object.keys(shape).filter((k) => k.length >= 5)) {
      cases.push({ name: `${kind}: misspelt key '${typo(key)}'`, files: { 'herald.yml': config({ ...base, [typo(key)]: 'x' }) }, args: ['validate'], exit: 2, says: [`unknown key '${typo(key)}'`, `did you mean '${key}'`] });
    }
    cases.push({ name: `${kind}: misspelt kind`, files: { 'herald.yml': config({ ...base, kind: typo(kind) }) }, args: ['send'], exit: 2, says: [`unknown sink kind '${typo(kind)}'`, `did you mean '${kind}'`] });
    cases.push({ name: `${kind}: a 100 KB value in every string key (URLs are capped)`, files: { 'herald.yml': config(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === 'string' && k !== 'kind' && k !== 'id' && k !== 'provider' ? `${v}${'a'.repeat(100_000)}` : v]))) }, args: ['validate'], ...(Object.keys(minimal).some((k) => k.endsWith('url')) ? { exit: 2, says: ['herald.yml', 'the limit is 8 KiB'] } : { exit: 0, says: ['ok'] }) });
  }
  const console = { id: 'c', kind: 'console' };
  const commonBad: [string, unknown, string][] = [
    ['enabled', 'yes', 'enabled'],
    ['events', ['post_tsak'], "did you mean 'post_task'"],
    ['events', 'post_task', 'events'],
    ['severities', ['fatal'], 'unknown severity'],
    ['labels', ['a'], 'labels'],
    ['match_labels', { team: [] }, 'match_labels'],
    ['required', 'no', 'required'],
    ['timeout_s', 0, 'timeout_s'],
    ['timeout_s', 99999, 'timeout_s'],
    ['timeout_s', 'soon', 'timeout_s'],
    ['retry', { max_attempts: 0 }, 'max_attempts'],
    ['retry', { max_atempts: 2 }, 'max_atempts'],
    ['dedup', 'off', 'dedup'],
    ['rate_limit', { per_window: 0, window_ms: 1 }, 'per_window'],
    ['digest', 3, 'digest'],
    ['template', { titel: 'x' }, 'titel'],
    ['id', '   ', 'blank'],
    ['id', 7, 'id'],
  ];
  commonBad.forEach(([key, value, word], i) => {
    cases.push({ name: `common key '${key}' = ${JSON.stringify(value)} (#${i})`, files: { 'herald.yml': config({ ...console, [key]: value }) }, args: ['send'], exit: 2, says: [at(key), word] });
  });
  for (const key of Object.keys(CommonSinkShape).filter((k) => k.length >= 5)) {
    cases.push({ name: `common key misspelt '${typo(key)}'`, files: { 'herald.yml': config({ ...console, [typo(key)]: true }) }, args: ['validate'], exit: 2, says: [`unknown key '${typo(key)}'`] });
  }
  cases.push({ name: 'two sinks with one id', files: { 'herald.yml': stringify({ notifications: { sinks: [console, console] } }) }, args: ['send'], exit: 2, says: ["duplicate sink id: 'c'"] });
  cases.push({ name: 'a sink that is a string', files: { 'herald.yml': stringify({ notifications: { sinks: ['console'] } }) }, args: ['send'], exit: 2, says: ['notifications.sinks[0]', 'mapping'] });
  cases.push({ name: 'a sink without kind', files: { 'herald.yml': stringify({ notifications: { sinks: [{ id: 'x' }] } }) }, args: ['send'], exit: 2, says: [at('kind'), 'kind'] });
  const blockBad: [string, Record<string, unknown>, string][] = [
    ['enabled not boolean', { enabled: 'yes' }, 'notifications.enabled'],
    ['retry.max_attempts 0', { retry: { max_attempts: 0 } }, 'notifications.retry.max_attempts'],
    ['retry.max_attempts 21', { retry: { max_attempts: 21 } }, 'notifications.retry.max_attempts'],
    ['retry.backoff_factor words', { retry: { backoff_factor: 'fast' } }, 'notifications.retry.backoff_factor'],
    ['retry.jitter 2', { retry: { jitter: 2 } }, 'notifications.retry.jitter'],
    ['dedup_lru_size 1', { dedup_lru_size: 1 }, 'notifications.dedup_lru_size'],
    ['dedup_window_seconds 0', { dedup_window_seconds: 0 }, 'notifications.dedup_window_seconds'],
    ['dedup_window_seconds 1e300', { dedup_window_seconds: 1e300 }, 'notifications.dedup_window_seconds'],
    ['state.backend mongo', { state: { backend: 'mongo' } }, 'notifications.state.backend'],
    ['state.on_unavailable later', { state: { on_unavailable: 'later' } }, 'notifications.state.on_unavailable'],
    ['state.url http', { state: { url: 'http://cache:6379' } }, 'notifications.state.url'],
    ['state.url redis typo', { state: { backend: 'redis', url: 'rediss//cache:6379' } }, 'notifications.state.url'],
    ['state misspelt key', { state: { backnd: 'dir' } }, 'backnd'],
    ['audit.key short', { audit: { key: 'short' } }, 'notifications.audit.key'],
    ['http.connect_timeout_s negative', { http: { connect_timeout_s: -1 } }, 'notifications.http.connect_timeout_s'],
    ['http misspelt key', { http: { proxi: 'http://x' } }, 'proxi'],
    ['plugins a number', { plugins: 5 }, 'notifications.plugins'],
    ['plugins entry without module', { plugins: [{ kind: 'x' }] }, 'notifications.plugins[0]'],
    ['sinks a mapping', { sinks: { c: { kind: 'console' } } } as Record<string, unknown>, 'notifications.sinks'],
  ];
  for (const [name, block, word] of blockBad) {
    const text = 'sinks' in block ? stringify({ notifications: block }) : config(console, block);
    cases.push({ name: `block: ${name}`, files: { 'herald.yml': text }, args: ['send'], exit: 2, says: [word] });
    cases.push({ name: `block: ${name}, under validate`, files: { 'herald.yml': text }, args: ['validate'], exit: 2, says: [word] });
  }
  for (const key of ['notifcations', 'notification', 'sinks', 'retry', 'Notifications']) {
    cases.push({ name: `top-level key '${key}'`, files: { 'herald.yml': `${key}: {}\n` }, args: ['validate'], exit: 2, says: [`unknown top-level key '${key}'`] });
  }
  return cases;
}
