// A dead letter the state store could not take (Redis still gone after its write retries, a state
// folder that cannot be written) is not dropped with a warning: it is kept in the first local
// folder that takes it, in the dir backend's format so `herald dlq list|replay --state-dir <dir>`
// reads it back, and when no folder will, printed whole as one JSON line on stderr, so the job log
// still holds the event.
//
// The last folder, `privateDir` ($TMPDIR/herald-dead-letters-<uid>), sits in a folder every user
// can write: it is used only when it is (or is made) a real 0700 folder of ours; otherwise a fresh
// mkdtemp folder is, and the warning names it.
import { pythonJson } from '../core/python-format.js';
import type { Logger } from '../core/context.js';
import { DirStore } from '../state/dir.js';
import { privateFolder } from '../state/safe-dir.js';
import type { DeadLetter, DedupPolicy } from '../state/store.js';

export type RescueDeadLetter = (letter: DeadLetter, cause: Error) => Promise<boolean>;

export function deadLetterRescue(options: { dirs: readonly string[]; privateDir?: string; policy: DedupPolicy; log: Logger }): RescueDeadLetter {
  const dirs = [...new Set(options.dirs)];
  let privateDir: Promise<string | undefined> | undefined;
  const lastResort = () =>
    (privateDir ??= privateFolder(options.privateDir!).then(
      ({ dir, replaced }) => {
        if (replaced) options.log.warn(`${replaced}: dead letters go to ${dir} instead`);
        return dir;
      },
      () => undefined,
    ));
  return async (letter, cause) => {
    const { log } = options;
    const what = `the dead letter for ${letter.sink_id}/${letter.event.event_id}`;
    const candidates = async function* () {
      yield* dirs;
      // Made only when the folders before it all failed.
      const last = options.privateDir ? await lastResort() : undefined;
      if (last) yield last;
    };
    for await (const dir of candidates()) {
      const store = new DirStore(dir, options.policy, log);
      try {
        await store.addDeadLetter(letter);
        log.warn(`the state store could not take ${what} (${cause.message}); kept in ${dir}: replay it with \`herald dlq replay --state-dir ${dir}\``);
        return true;
      } catch {
        // the next folder
      } finally {
        await store.close().catch(() => undefined);
      }
    }
    log.error(`no state store or local folder could take ${what} (${cause.message}); the letter follows as JSON:\n${pythonJson(letter, { sortKeys: true })}`);
    return false;
  };
}
