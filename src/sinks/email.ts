// Email over SMTP with nodemailer (reference §3.4): Bernstein's subject, headers and plain-text
// body, plus Date and Message-ID (§10.14). STARTTLS is required by default; `ssl: true` is implicit
// TLS on 465. nodemailer is loaded on first send so other commands never pay for it.
import { loadNodemailer } from '../lazy/packages.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { PermanentError, TransientError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';

const ADDRESS = /^(?:[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+|[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>)$/;
const address = z.string().check(z.trim(), z.regex(ADDRESS, 'not an email address (expected user@example.org or "Name <user@example.org>")'));

const EmailConfig = {
  host: z.string({ message: "email_smtp sink requires 'host'" }).check(z.minLength(1, "email_smtp sink requires 'host'")),
  // Bernstein converted the port with int(), so "587" is accepted too.
  port: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535))),
  from_addr: address,
  to_addrs: z.array(address, { message: "email_smtp sink requires non-empty 'to_addrs'" }).check(z.minLength(1, "email_smtp sink requires non-empty 'to_addrs'")),
  username: z.optional(z.string()),
  password: z.optional(z.string()),
  starttls: z._default(z.boolean(), true),
  ssl: z._default(z.boolean(), false),
  tls_ca_bundle: z.optional(z.string()),
  subject_prefix: z._default(z.string(), 'bernstein'),
};

/** Bernstein's body, byte for byte: title, blank, body and blank when present, then the facts. */
export function emailText(event: NotificationEvent): string {
  const lines = [event.title, ''];
  if (event.body) lines.push(event.body, '');
  lines.push(`event_id: ${event.event_id}`, `kind: ${event.kind}`, `severity: ${event.severity}`);
  if (event.task_id) lines.push(`task_id: ${event.task_id}`);
  if (event.session_id) lines.push(`session_id: ${event.session_id}`);
  if (event.run_id) lines.push(`run_id: ${event.run_id}`);
  return lines.join('\n') + '\n';
}

function domainOf(from: string): string {
  const match = /@([^\s@<>]+)>?$/.exec(from);
  return match?.[1] ?? 'herald.invalid';
}

export const emailSmtp = defineSink({
  kind: 'email_smtp',
  config: EmailConfig,
  destination: (cfg) => `${cfg.host}:${cfg.port ?? ''} ${[...cfg.to_addrs].sort().join(',')}`,
  secretKeys: ['password'],
  defaultTimeoutS: 15,
  render(event, cfg) {
    const port = cfg.port ?? (cfg.ssl ? 465 : 587);
    return {
      target: `smtp${cfg.ssl ? 's' : ''}://${cfg.host}:${port} → ${cfg.to_addrs.join(', ')}`,
      body: emailText(event),
      meta: {
        subject: `[${cfg.subject_prefix} ${event.severity}] ${event.title}`,
        from: cfg.from_addr,
        to: cfg.to_addrs.join(', '),
        headers: { 'X-Bernstein-Event-Id': event.event_id, 'X-Bernstein-Event-Kind': event.kind },
        // Stable per event, so a retried send is recognisable as the same message.
        messageId: `<${event.event_id || 'event'}.${Math.round(event.timestamp * 1000)}@${domainOf(cfg.from_addr)}>`,
      },
    };
  },
  digests: true,
  async deliver(message, cfg, ctx) {
    const nodemailer = await loadNodemailer();
    const meta = message.meta as { subject: string; from: string; to: string; headers: Record<string, string>; messageId: string };
    const ca = certificateAuthorities(cfg.tls_ca_bundle, ctx.baseDir, ctx.env);
    const transport = pooled.get(cfg) ?? nodemailer.createTransport({
      // One connection per sink, kept for the run: a burst or a digest backlog does not pay a TCP,
      // TLS and AUTH handshake per message. Closed with the sink, or dropped after any error.
      pool: true,
      maxConnections: 1,
      host: cfg.host,
      port: cfg.port ?? (cfg.ssl ? 465 : 587),
      secure: cfg.ssl,
      requireTLS: cfg.starttls && !cfg.ssl,
      ignoreTLS: !cfg.starttls && !cfg.ssl,
      ...(cfg.username && cfg.password ? { auth: { user: cfg.username, pass: cfg.password } } : {}),
      connectionTimeout: ctx.timeoutMs,
      greetingTimeout: ctx.timeoutMs,
      socketTimeout: ctx.timeoutMs,
      ...(ca ? { tls: { ca } } : {}),
    });
    pooled.set(cfg, transport);
    try {
      const info = await transport.sendMail({
        from: meta.from,
        to: meta.to,
        subject: meta.subject,
        text: String(message.body),
        headers: meta.headers,
        messageId: meta.messageId,
        date: new Date(ctx.nowMs()),
      });
      return { response: String(info.response ?? '').slice(0, 200) };
    } catch (error) {
      pooled.delete(cfg);
      transport.close();
      throw classifySmtpError(error as SmtpError);
    }
  },
  async close(cfg) {
    pooled.get(cfg)?.close();
    pooled.delete(cfg);
  },
});

/** The open transport of each email sink (keyed by its config object). */
const pooled = new WeakMap<object, { sendMail: (mail: object) => Promise<{ response?: unknown }>; close: () => void }>();

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

/** SMTP 4xx and network trouble are transient; 5xx, EAUTH and TLS problems are permanent. */
export function classifySmtpError(error: SmtpError): TransientError | PermanentError {
  const text = error.message;
  if (error.code === 'EAUTH') return new PermanentError(`smtp auth failed: ${text}`);
  if (error.responseCode && error.responseCode >= 400 && error.responseCode < 500) return new TransientError(`smtp transient error: ${text}`);
  if (error.responseCode && error.responseCode >= 500) {
    return new PermanentError(error.code === 'EENVELOPE' ? `smtp recipients refused: ${text}` : `smtp error: ${text}`);
  }
  if (error.code === 'ETLS' || /certificate|self[- ]signed|STARTTLS/i.test(text)) {
    return new PermanentError(`smtp tls error: ${text} (trust roots: tls_ca_bundle, SSL_CERT_FILE or NODE_EXTRA_CA_CERTS)`);
  }
  return new TransientError(`smtp network error: ${text}`);
}

/** Node's roots plus every extra bundle named, or undefined when none is (then Node's defaults apply). */
function certificateAuthorities(bundle: string | undefined, baseDir: string, env: Record<string, string | undefined>): string[] | undefined {
  const paths = [bundle ? resolve(baseDir, bundle) : undefined, env.SSL_CERT_FILE, env.NODE_EXTRA_CA_CERTS].filter(Boolean) as string[];
  if (!paths.length) return undefined;
  return [
    ...rootCertificates,
    ...paths.map((path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new PermanentError(`cannot read CA bundle ${path} (${(error as NodeJS.ErrnoException).code}): check tls_ca_bundle, SSL_CERT_FILE or NODE_EXTRA_CA_CERTS`);
      }
    }),
  ];
}
