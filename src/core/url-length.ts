// How long a URL Herald sends to may be. Servers refuse request lines past 8 KiB (nginx, Node and
// most proxies), so a longer one can only fail at every delivery — or is a pasted file.
import { formatBytes } from './input-file.js';

export const MAX_URL_CHARS = 8192;

export function urlLengthProblem(url: string): string | undefined {
  return url.length > MAX_URL_CHARS ? `the URL is ${formatBytes(url.length)} long; the limit is ${formatBytes(MAX_URL_CHARS)}` : undefined;
}
