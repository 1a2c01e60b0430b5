// On pull_request events GITHUB_REF_NAME is "<number>/merge", which tells a reader nothing; the
// event payload (GITHUB_EVENT_PATH) names the pull request, so the default message can too.
import { readFile } from 'node:fs/promises';

export interface PullRequest {
  number: number;
  title: string;
  url: string;
  headRef: string;
  baseRef: string;
}

/** The pull request in an event payload (pull_request, pull_request_target, review events…). */
export function pullRequestOf(payload: unknown): PullRequest | undefined {
  const pr = (payload as { pull_request?: Record<string, unknown> } | null)?.pull_request;
  if (!pr || typeof pr.number !== 'number') return undefined;
  const ref = (side: unknown) => String((side as { ref?: unknown } | undefined)?.ref ?? '');
  return { number: pr.number, title: String(pr.title ?? ''), url: String(pr.html_url ?? ''), headRef: ref(pr.head), baseRef: ref(pr.base) };
}

/** An unreadable payload only costs the pull-request line of the message, never the step. */
export async function readPullRequest(env: Record<string, string | undefined>): Promise<PullRequest | undefined> {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    return pullRequestOf(JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')));
  } catch {
    return undefined;
  }
}
