// Which construct project wrote an event (reference §10 #5). dnadesign's construct "isolation" only
// replaces run_id, so on a dataset shared by several workspace projects another project's events
// are delivered under the selected project's run id. Construct stamps its writes with
// actor.run_id = $USR_ACTOR_RUN_ID or `construct-<job.id>` (construct persistence/write_session.py),
// so a `construct-…` run id that names a different job identifies another project's event.

export type ConstructEventOwner = 'selected' | 'other-project' | 'unattributed';

/** `unattributed`: no run id, or one set through USR_ACTOR_RUN_ID (a batch job id, say) that names
 *  no construct job; such events keep dnadesign's behaviour and take the selected run id. */
export function constructEventOwner(actor: Record<string, unknown>, selectedRunId: string): ConstructEventOwner {
  const runId = typeof actor.run_id === 'string' ? actor.run_id.trim() : '';
  if (runId === selectedRunId) return 'selected';
  return runId.startsWith('construct-') ? 'other-project' : 'unattributed';
}
