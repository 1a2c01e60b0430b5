// Shared pieces of the action tests: a config with one webhook sink, and run variables.
export const HOOK_CONFIG = `notifications:
  retry:
    max_attempts: 1
  sinks:
    - id: hook
      kind: webhook
      url: \${HOOK_URL}
`;

export function runEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_REPOSITORY: 'octo/widgets',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_JOB: 'build',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_ACTOR: 'mona',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.com',
    ...extra,
  };
}

export function jsonl(...events: Record<string, unknown>[]): string {
  return events.map((e) => JSON.stringify(e) + '\n').join('');
}
