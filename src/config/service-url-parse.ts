// The parts of a service URL, split the way Apprise writes them, and what every scheme's builder
// shares: its result, its errors, and its query parameters.
import { ConfigError } from '../core/errors.js';

export interface ParsedUrl {
  scheme: string;
  user?: string;
  password?: string;
  host: string;
  port?: string;
  segments: string[];
  params: Map<string, string>;
}

export interface ServiceSink {
  /** `kind` and the kind's keys. */
  config: Record<string, unknown>;
  /** Every secret part, for the redactor. */
  secrets: string[];
}

export type Builder = (url: ParsedUrl) => ServiceSink;

// Apprise's options for every service, which mean nothing to Herald's sinks: accepted, unused.
export const APPRISE_GLOBALS = new Set(['format', 'overflow', 'emojis', 'verify', 'cto', 'rto', 'tz']);

export function fail(url: ParsedUrl, message: string, fix: string): never {
  throw new ConfigError(`${url.scheme}:// URL: ${message}`, { fix });
}

/** Query parameters named in `allowed` (as sink keys, after renames); any other is an error. */
export function options(url: ParsedUrl, allowed: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of url.params) {
    if (APPRISE_GLOBALS.has(name)) continue;
    const key = allowed[name];
    if (!key) fail(url, `unknown parameter '${name}'`, Object.keys(allowed).length ? `parameters it takes: ${Object.keys(allowed).join(', ')}` : 'it takes no parameters');
    if (value !== '') out[key] = value;
  }
  return out;
}

/**
 * Split by hand rather than with `URL`: Apprise's URLs put tokens where a host or port would be
 * (`tgram://123456:ABC-DEF/…` is not a valid port), and `#channel` is a target, not a fragment.
 */
export function parseServiceUrl(text: string): ParsedUrl | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/is.exec(text);
  if (!match) return undefined;
  const [, scheme, authority = '', path = '', query = '', fragment] = match;
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const colon = userinfo?.indexOf(':') ?? -1;
  const portMatch = /^(\[[^\]]*\]|[^:]*):(\d+)$/.exec(hostPort);
  const segments = path.split('/').filter(Boolean).map(decode);
  if (fragment !== undefined && fragment !== '') segments.push(`#${decode(fragment)}`);
  const params = new Map<string, string>();
  for (const pair of query.split('&').filter(Boolean)) {
    const equals = pair.indexOf('=');
    // No "+" → space here: Apprise's json:// headers are written `?+X-Key=value`.
    params.set(decode(equals === -1 ? pair : pair.slice(0, equals)), equals === -1 ? '' : decode(pair.slice(equals + 1)));
  }
  return {
    scheme: scheme!.toLowerCase(),
    user: userinfo === undefined ? undefined : decode(colon === -1 ? userinfo : userinfo.slice(0, colon)),
    password: userinfo === undefined || colon === -1 ? undefined : decode(userinfo.slice(colon + 1)),
    host: decode(portMatch ? portMatch[1]! : hostPort),
    port: portMatch ? portMatch[2] : undefined,
    segments,
    params,
  };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
