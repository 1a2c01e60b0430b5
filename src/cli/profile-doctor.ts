// `herald profile doctor` checks (reference §3.9): the events path resolved exactly as `watch`
// resolves it (§10 #23), cursor and spool writability, the webhook, the provider and TLS. Shared by
// the `profile doctor` command and `profile smoke`'s third step.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { createRuntimeContext } from '../core/context.js';
import { isKnownProvider, loadProfile } from '../profile/schema.js';
import { resolveTool } from '../profile/resolvers.js';
import { checkEventsFile, EVENTS_HINT } from '../sources/usr-events/validate.js';
import { normalizeProvider, providerUrlProblem } from '../sinks/usr-webhook-format.js';
import { profileWebhookSources, resolveCaBundle, resolveWebhookUrl } from '../profile/webhook.js';

async function writable(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const probe = join(dir, '.notify-write-probe.tmp');
  await writeFile(probe, '');
  await rm(probe);
}

export async function doctor(profilePath: string): Promise<Record<string, unknown>> {
  const ctx = createRuntimeContext();
  const p = await loadProfile(profilePath, ctx.cwd);
  if (!isKnownProvider(p.provider)) throw new ConfigError('provider must be one of: discord, generic, slack', { file: p.path });
  const events = p.eventsSource ? resolveTool(p.eventsSource.tool, p.eventsSource.config, p.dir).events : p.events;
  let exists: boolean;
  try {
    exists = await checkEventsFile(events);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (!exists && !p.eventsSource) throw new ConfigError(`events file not found: ${events}. ${EVENTS_HINT}`);
  if (p.cursor) await writable(dirname(p.cursor));
  if (p.spoolDir) await writable(p.spoolDir);
  const url = await resolveWebhookUrl(profileWebhookSources(p), ctx.env);
  const problem = providerUrlProblem(normalizeProvider(p.provider), url);
  if (problem) throw new ConfigError(problem);
  const ca = await resolveCaBundle(url, [p.tlsCaBundle], ctx.env);
  return { ok: true, profile: p.path, provider: p.provider, events, events_exists: exists, ...(p.cursor ? { cursor: p.cursor } : {}), ...(p.spoolDir ? { spool_dir: p.spoolDir } : {}), ...(ca ? { tls_ca_bundle: ca } : {}) };
}

/** Doctor's text output; a missing events file is fine only with an `events_source`. */
export function doctorText(result: Record<string, unknown>): string {
  return result.events_exists ? 'Profile wiring OK.' : 'Profile wiring OK. events file not created yet; start watcher with --wait-for-events.';
}
