// A sink written as a service URL (`{id, url}`, no kind) expanded into its kind and keys.
import { ConfigError } from '../core/errors.js';
import { samePath } from '../core/key-path.js';
import { sinkFromServiceUrl, type ServiceSink } from './service-url.js';
import { unsetProblem, type Fail } from './report-issue.js';

export /**
 * A sink written as `{id, url}` (no kind): the service URL becomes its kind and keys, beside the
 * entry's other keys. 'unset' when the URL's ${VAR} is unset and the caller tolerates that.
 */
function expandUrlSink(
  entry: Record<string, unknown>,
  base: (string | number)[],
  missing: { name: string; path: (string | number)[] }[],
  tolerateMissing: boolean,
  fail: Fail,
): ServiceSink | 'unset' | undefined {
  const unset = missing.find((m) => samePath(m.path, [...base, 'url']));
  if (unset) {
    if (tolerateMissing) return 'unset';
    fail([...base, 'url'], ...unsetProblem(unset.name));
    return undefined;
  }
  const { url, ...common } = entry;
  if (typeof url !== 'string') {
    fail([...base, 'url'], 'a service URL must be a string', 'write url: "${OPS_URL}" (docs/sinks.md, "Service URLs")');
    return undefined;
  }
  try {
    const sink = sinkFromServiceUrl(url);
    // Keys written beside the URL (events, channel…) win over what the URL says.
    return { config: { ...sink.config, ...common }, secrets: sink.secrets };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail([...base, 'url'], error.message, error.details.fix);
    return undefined;
  }
}
