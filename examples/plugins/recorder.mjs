// A minimal Herald plugin: appends one JSON line per event to a file. Plain ESM, no Herald imports.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export default {
  kind: 'recorder',           // used when listed in notifications.plugins
  keys: ['file'],             // top-level sink keys the kind accepts (besides `options`)
  secretKeys: [],             // option names whose values must be redacted
  limits: { perWindow: 100, windowMs: 1000 },
  create(options, info) {
    if (!options.file) throw new Error("recorder needs 'file'");
    const path = join(info.baseDir, String(options.file));
    return {
      async deliver(event) {
        appendFileSync(path, JSON.stringify({ sink: info.id, event_id: event.event_id, title: event.title }) + '\n');
      },
      async close() {},
    };
  },
};
