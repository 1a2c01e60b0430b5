// `--to URL` (repeatable): each service URL is a sink of its own, `to-1`, `to-2`…, checked here so
// a bad one is named by its flag rather than by a config key the user never wrote.
import { UsageError, ConfigError } from '../core/errors.js';
import { sinkFromServiceUrl } from '../config/service-url.js';

export function toTargets(urls: readonly string[] | undefined): Record<string, unknown>[] {
  return (urls ?? []).map((url, index) => {
    try {
      sinkFromServiceUrl(url);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Never the URL itself: all of it may be secret.
      throw new UsageError(`--to #${index + 1}: ${error.message}`, error.details.fix);
    }
    // Expanded by the config loader like a `{id, url}` entry, which registers its secrets. Required:
    // a target named on the command line that was not reached fails the command.
    return { id: `to-${index + 1}`, url, required: true };
  });
}
