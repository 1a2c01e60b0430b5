// Jira Cloud REST v3: one issue per incident, the event as an Atlassian document. Jira has no
// dedup of its own, so (as Alertmanager's jira notifier does) the issue carries a label holding a
// hash of the dedup key, and an open issue with that label gets a comment instead of a twin.
import { createHash } from 'node:crypto';
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { basicCredential, classifyHttpResponse, jsonBody, postJson } from './http.js';
import { truncate } from './truncate.js';
import { fill } from '../core/template.js';
import type { NotificationEvent } from '../core/event.js';

const SUMMARY_LIMIT = 255;
export const DEFAULT_JIRA_DEDUP_KEY = '{{kind}}:{{task_id}}';

const JiraConfig = {
  base_url: z.string({ message: "jira sink requires 'base_url' (https://your-site.atlassian.net)" }).check(z.regex(/^https?:\/\//i, "jira 'base_url' must start with http:// or https://")),
  project: z.string({ message: "jira sink requires 'project' (the project key)" }).check(z.minLength(1)),
  issue_type: z._default(z.string().check(z.minLength(1)), 'Task'),
  email: z.optional(z.string()),
  api_token: z.optional(z.string()),
  bearer_token: z.optional(z.string()),
  labels: z._default(z.array(z.string().check(z.regex(/^\S+$/, 'Jira labels cannot contain spaces'))), []),
  dedup_key: z._default(z.string().check(z.minLength(1)), DEFAULT_JIRA_DEDUP_KEY),
  on_duplicate: z._default(z.enum(['comment', 'skip']), 'comment'),
};

type AdfNode = Record<string, unknown>;

function paragraph(lines: string[]): AdfNode {
  const content: AdfNode[] = [];
  lines.forEach((line, i) => {
    if (i > 0) content.push({ type: 'hardBreak' });
    if (line) content.push({ type: 'text', text: line });
  });
  return { type: 'paragraph', content };
}

/** The event as ADF: the body's paragraphs, then the event's facts. */
export function adfDocument(event: NotificationEvent): AdfNode {
  const blocks = event.body ? event.body.split(/\n{2,}/).map((block) => paragraph(block.split('\n'))) : [];
  const facts = [`event_id: ${event.event_id}`, `kind: ${event.kind}`, `severity: ${event.severity}`];
  for (const key of ['task_id', 'session_id', 'run_id'] as const) if (event[key]) facts.push(`${key}: ${event[key]}`);
  for (const [k, v] of Object.entries(event.labels)) facts.push(`${k}: ${v}`);
  return { type: 'doc', version: 1, content: [...blocks, paragraph(facts)] };
}

/** The label standing for the dedup key: Jira labels are short and space-free, so a hash. */
export function dedupLabel(event: NotificationEvent, template: string): string {
  const key = template.includes('{{task_id}}') && !event.task_id ? `${event.kind}:${event.event_id}` : fill(template, event);
  return `herald-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export const jira = defineSink({
  kind: 'jira',
  config: JiraConfig,
  destination: (cfg) => `${cfg.base_url} ${cfg.project}`,
  secretKeys: ['api_token', 'bearer_token'],
  derivedSecrets: (cfg) => (cfg.api_token ? [basicCredential(cfg.email, cfg.api_token)] : []),
  defaultTimeoutS: 15,
  check(cfg) {
    if (cfg.bearer_token || (cfg.email && cfg.api_token)) return [];
    return [{ key: 'api_token', message: "jira sink requires 'email' and 'api_token' (basic) or 'bearer_token'" }];
  },
  render(event, cfg) {
    const label = dedupLabel(event, cfg.dedup_key);
    const description = adfDocument(event);
    return {
      target: `POST ${cfg.base_url.replace(/\/+$/, '')}/rest/api/3/issue`,
      body: {
        fields: {
          project: { key: cfg.project },
          issuetype: { name: cfg.issue_type },
          summary: truncate(event.title.replace(/\s*\n\s*/g, ' '), SUMMARY_LIMIT, 'utf16'),
          description,
          labels: ['herald', label, ...cfg.labels],
        },
      },
      meta: {
        // Only issues still open count as "the same incident": a resolved one gets a new issue.
        search: { jql: `project = "${cfg.project}" AND labels = "${label}" AND statusCategory != Done ORDER BY created DESC`, fields: ['key'], maxResults: 1 },
        comment: { body: description },
      },
    };
  },
  async deliver(message, cfg, ctx) {
    const base = cfg.base_url.replace(/\/+$/, '');
    const auth = cfg.bearer_token ? `Bearer ${cfg.bearer_token}` : `Basic ${basicCredential(cfg.email, cfg.api_token)}`;
    const headers = { authorization: auth, accept: 'application/json' };
    const meta = message.meta as { search: unknown; comment: unknown };
    const searchUrl = `${base}/rest/api/3/search/jql`;
    const found = await postJson(ctx.http, searchUrl, meta.search, ctx.timeoutMs, headers);
    classifyHttpResponse(found, searchUrl, ctx.nowMs());
    const existing = (jsonBody(found)?.issues as { key?: string }[] | undefined)?.[0]?.key;
    if (existing) {
      if (cfg.on_duplicate === 'skip') return { response: `open issue ${existing} already tracks this; skipped` };
      const commentUrl = `${base}/rest/api/3/issue/${encodeURIComponent(existing)}/comment`;
      const commented = await postJson(ctx.http, commentUrl, meta.comment, ctx.timeoutMs, headers);
      classifyHttpResponse(commented, commentUrl, ctx.nowMs());
      return { response: `commented on ${existing}` };
    }
    const createUrl = `${base}/rest/api/3/issue`;
    const created = await postJson(ctx.http, createUrl, message.body, ctx.timeoutMs, headers);
    classifyHttpResponse(created, createUrl, ctx.nowMs());
    return { response: `created ${String(jsonBody(created)?.key ?? '')}` };
  },
});
