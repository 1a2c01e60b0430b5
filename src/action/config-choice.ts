// Which config the step runs with: the committed file, or the inline `webhook` target. In the
// action there is no built-in fallback: a step that would notify nobody fails and says where it
// looked and what to commit, instead of "delivering" to the runner's console.
import { relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import { CONFIG_CANDIDATES, discoverConfig } from '../config/load.js';
import type { ActionInputs } from './inputs.js';
import { writeInlineConfig } from './inline-target.js';

export interface ConfigChoice {
  /** The config file createHerald reads. */
  path: string;
  /** Variables the config refers to that the step provides itself (the inline target's values). */
  env: Record<string, string>;
  inline: boolean;
  notes: string[];
}

export async function chooseConfig(inputs: ActionInputs, cwd: string, env: Record<string, string | undefined>, scratchDir: string): Promise<ConfigChoice> {
  if (inputs.inlineTarget) {
    if (inputs.config) throw new UsageError("inputs 'config' and 'webhook' are both set", "use one: a config file for several sinks and filters, or 'webhook' for one target");
    const written = await writeInlineConfig(inputs.inlineTarget, scratchDir);
    const ignored = discoverConfig(cwd, env);
    const notes = ignored ? [`input 'webhook' is set, so ${relative(cwd, ignored) || ignored} is not used by this step`] : [];
    return { path: written.path, env: written.env, inline: true, notes };
  }
  const path = discoverConfig(cwd, env, inputs.config);
  if (path) return { path, env: {}, inline: false, notes: [] };
  throw new UsageError(
    `no Herald config and no 'webhook' input, so this step would notify nobody. Looked for HERALD_CONFIG (unset) and ${CONFIG_CANDIDATES.join(', ')} in ${cwd}`,
    "commit .github/herald.yml with your sinks (see docs/action.md) and check out the repository before this step (actions/checkout), or pass 'webhook:' (with 'webhook-type:') for a single target. A 'webhook' taken from a secret is empty in pull requests from forks.",
  );
}
