// Status mapping (reference §5.2): a pack's override first, then the generic rule on the action.
export type UsrStatus = 'success' | 'failure' | 'started' | 'running';

export function genericStatus(action: string): UsrStatus {
  const a = action.toLowerCase();
  if (!a) return 'running';
  if (a.includes('fail') || a.includes('error')) return 'failure';
  if (a === 'init') return 'started';
  return 'running';
}

export function isTerminal(status: string): boolean {
  return status === 'success' || status === 'failure';
}
