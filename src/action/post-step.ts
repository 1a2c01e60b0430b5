// The post step (post-if: always()): saves this job's state to the Actions cache, so dead
// letters of a failed or cancelled job are kept too. Never fails the job: an unsaved state is a
// warning in the log and in the summary.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DirStore } from '../state/dir.js';
import { ActionsCacheState } from '../state/actions-cache.js';
import { coreLogger, type ActionPorts } from './ports.js';
import { SAVED } from './state-setup.js';
import { notesSection, writeSummary } from './summary.js';

export async function runPost(ports: ActionPorts): Promise<void> {
  const { core } = ports;
  if (core.getState(SAVED.mode) !== 'actions-cache') return;
  if (core.getState(SAVED.dryRun) === 'true') {
    core.info('dry run: state is not saved');
    return;
  }
  const storeDir = core.getState(SAVED.storeDir);
  const transferDir = core.getState(SAVED.transferDir);
  const transferPath = core.getState(SAVED.transferPath);
  const key = core.getState(SAVED.key);
  if (!storeDir || !transferDir || !transferPath || !key) return;
  // Several Herald steps in one job share the store; the first post step to run saves it all.
  const marker = join(dirname(storeDir), 'saved-key');
  if (existsSync(marker)) {
    core.info('state already saved by a later Herald step of this job');
    return;
  }
  const log = coreLogger(core);
  try {
    const store = new DirStore(storeDir, { windowMs: Number(core.getState(SAVED.windowMs)) || 21_600_000, lruSize: Number(core.getState(SAVED.lruSize)) || 200_000 }, log);
    const snapshot = await store.exportSnapshot(ports.nowMs());
    await store.close();
    const report = await new ActionsCacheState(ports.cache, { storeDir, transferDir, transferPath }, log).save(snapshot, key);
    if (report.saved) {
      await writeFile(marker, key);
      core.info(`Herald state saved as ${key} (${snapshot.dedup.length} dedup entries, ${snapshot.deadLetters.length} dead letters)`);
      return;
    }
    await notSaved(ports, `Herald state not saved as \`${key}\`: ${report.reason}. The next job starts from the previous snapshot; dead letters of this job are listed in the summary above.`);
  } catch (error) {
    await notSaved(ports, `Herald state not saved: ${(error as Error).message}`);
  }
}

async function notSaved(ports: ActionPorts, message: string): Promise<void> {
  ports.core.warning(message);
  await writeSummary(ports.core, notesSection([`⚠️ ${message}`]));
}
