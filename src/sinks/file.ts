// Appends one JSON line per delivered event to `path`: artifacts, audits by hand, the demo.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as z from '../core/zod.js';
import { defineSink } from './define.js';
import { pythonPayload } from '../core/event.js';
import { compactJson } from '../core/python-json.js';
import { PermanentError, TransientError } from '../core/errors.js';

export const fileSink = defineSink({
  kind: 'file',
  config: {
    path: z.string().check(z.minLength(1, "file sink requires 'path'")),
  },
  render(event, cfg) {
    return { target: `append ${cfg.path}`, body: pythonPayload(event) };
  },
  async deliver(message, cfg, ctx) {
    const path = resolve(ctx.baseDir, cfg.path);
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // One write per line with O_APPEND, so concurrent writers never interleave inside a line.
      await appendFile(path, `${compactJson(message.body)}\n`, { mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EROFS') {
        throw new PermanentError(`cannot write ${path}: ${code}`);
      }
      throw new TransientError(`cannot write ${path}: ${code ?? String(error)}`);
    }
  },
});
