// Which proxy, if any, a request goes through — only to say so when it fails: a refused or broken
// proxy otherwise reads like the service being down. undici decides the actual route; this
// mirrors its rules (explicit proxy, else HTTPS_PROXY/HTTP_PROXY unless NO_PROXY matches).

/** The proxy's origin (never its credentials) for this URL, or undefined when it goes direct. */
export function proxyFor(url: URL, explicitProxy: string | undefined, env: Record<string, string | undefined>): string | undefined {
  const chosen = explicitProxy ?? (url.protocol === 'https:' ? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy : env.HTTP_PROXY ?? env.http_proxy);
  if (!chosen) return undefined;
  if (!explicitProxy && bypassed(url, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  try {
    return new URL(chosen).origin;
  } catch {
    return 'the configured proxy';
  }
}

function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const name = entry.toLowerCase().replace(/:\d+$/, '').replace(/^\*?\./, '');
      return host === name || host.endsWith(`.${name}`);
    });
}
