// A state folder is trusted with what Herald writes: a repository (or a cache restore) must not be
// able to point it, or any file in it, somewhere else. So the folder and the folders Herald makes
// in it must be real folders owned by the user and writable by nobody else, and no entry Herald
// opens there may be a symbolic link. Each violation is a ConfigError naming the path and the fix.
import { lstatSync, readdirSync } from 'node:fs';
import { lstat, mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { symlinkRefused } from './files.js';

/** The folders Herald makes inside a state folder. */
const SUBFOLDERS = ['claims', 'audit', 'cursors'];

/** The state folder's owner, mode and links; a folder that does not exist yet passes (it will be made 0700).
 *  Synchronous: a few lstat calls once per run, before anything else could overlap them, and
 *  each promise round trip costs more than the call itself at start-up. */
export function checkStateFolder(dir: string, options: { parent?: string } = {}): void {
  // The default location's `.herald/` may come with the checkout (profiles), owned by whoever
  // checked out (a container job runs as root over uid 1001's files): only a link is refused there.
  if (options.parent) checkFolder(options.parent, { linkOnly: true });
  if (!checkFolder(dir)) return;
  checkEntries(dir);
  for (const name of SUBFOLDERS) if (checkFolder(join(dir, name))) if (name !== 'claims') checkEntries(join(dir, name));
}

/** False when there is no folder there (yet); throws when there is one Herald must not use. */
function checkFolder(path: string, options: { linkOnly?: boolean } = {}): boolean {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false; // made later, or failing then with its own message
    throw error;
  }
  if (info.isSymbolicLink()) {
    throw new ConfigError(`state folder ${path} is a symbolic link; Herald does not follow links for its state (a planted link would make it write elsewhere)`, {
      fix: `replace the link with a folder of your own (rm ${path} && mkdir -m 700 ${path}), or point --state-dir / state.dir elsewhere`,
    });
  }
  if (!info.isDirectory() || options.linkOnly) return info.isDirectory();
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new ConfigError(`state folder ${path} is owned by uid ${info.uid}, not by you (uid ${uid}); another user could plant files in it`, {
      fix: `use a folder you own (--state-dir / state.dir / HERALD_STATE_DIR), or chown ${uid} ${path}`,
    });
  }
  if (info.mode & 0o022) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new ConfigError(`state folder ${path} is writable by group or others (mode ${mode}); another user could plant links in it`, { fix: `chmod 700 ${path}` });
  }
  return true;
}

/** No entry of the folder may be a link (Herald opens its files by name). */
function checkEntries(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) throw symlinkRefused(join(dir, entry.name));
  }
}

/**
 * A private folder at `path` for files of this user only: made exclusively 0700, or an existing
 * one used only when it is a real folder owned by the user with mode 0700. Anything else (a link,
 * another owner, a loose mode: someone else got there first) gives a fresh mkdtemp folder beside
 * it instead, and `replaced` says why.
 */
export async function privateFolder(path: string): Promise<{ dir: string; replaced?: string }> {
  try {
    await mkdir(path, { mode: 0o700 });
    return { dir: path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const info = await lstat(path);
  const uid = process.getuid?.();
  const problem = info.isSymbolicLink()
    ? 'is a symbolic link'
    : !info.isDirectory()
      ? 'is not a folder'
      : uid !== undefined && info.uid !== uid
        ? `is owned by uid ${info.uid}, not by you`
        : (info.mode & 0o777) !== 0o700
          ? `has mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}, not 0700`
          : undefined;
  if (!problem) return { dir: path };
  return { dir: await mkdtemp(`${path}-`), replaced: `${path} ${problem}` };
}
