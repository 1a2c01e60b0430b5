// The audit half of the `dir` backend: audit/<UTC day>.jsonl as Bernstein's AuditLog writes it,
// plus audit/head.json, the sealed head (count, last hmac, file and its size after that entry).
//
// Appending is O(1) in the chain's length: under the audit lock the head is read (one small file)
// and the chain file's size compared with the size the head recorded. Equal means the head's hmac
// is the tip, whichever process wrote it; different (Bernstein appended, a crash fell between line
// and head, the log was cut) means the chain itself is read once to find the tip, as Bernstein does.
// The calls are synchronous: each is microseconds, and the work holds a lock file other processes
// are waiting on, so a round trip through libuv's thread pool per call would only make them wait.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pythonJson } from '../core/python-format.js';
import { AUDIT_HEAD_FILE, encodeHead, parseHead } from './audit-head.js';
import { APPEND_NOFOLLOW, CREATE_NEW_NOFOLLOW, READ_NOFOLLOW, ensurePrivateDir, nofollowError, readTextIfExists } from './files.js';
import { withLockSync } from './lock.js';
import type { AuditEntry, AuditHeadFields, AuditLine, AuditSealer } from './store.js';
import { GENESIS_HMAC } from './store.js';

interface ChainTip extends AuditHeadFields {
  file: string;
  size: number;
  /** The chain file does not end with a newline: the next line must not be glued to a torn one. */
  torn?: boolean;
}

export class DirAuditLog {
  /** The head this process wrote last, as text: finding it unchanged needs no seal check. */
  private lastHead: { text: string; tip: ChainTip } | undefined;

  constructor(private readonly dir: string) {}

  private path(name: string): string {
    return join(this.dir, name);
  }

  async append(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    await ensurePrivateDir(this.dir);
    await withLockSync(this.path('lock'), () => this.appendLocked(entry, sealer));
  }

  private appendLocked(entry: AuditEntry, sealer: AuditSealer): void {
    let tip = this.currentTip(sealer);
    // One chain across days, in file order: files later than the tip's (another writer's clock
    // ran ahead) are read on, and an entry never goes back to an earlier day's file.
    const day = `${entry.timestamp.slice(0, 10)}.jsonl`;
    if (day > tip.file) {
      for (const name of this.files().filter((n) => n > tip.file)) tip = extend({ ...tip, file: name }, readIfExistsSync(this.path(name)), 0);
      if (day > tip.file) tip = { ...tip, file: day, size: 0, torn: false };
    }
    const record = sealer.entry(tip.hmac, entry);
    const line = `${tip.torn ? '\n' : ''}${pythonJson(record, { sortKeys: true })}\n`;
    const fd = openNoFollow(this.path(tip.file), APPEND_NOFOLLOW);
    let size: number;
    try {
      writeSync(fd, line);
      size = fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
    const next: ChainTip = { count: tip.count + 1, hmac: String(record.hmac), file: tip.file, size };
    const text = encodeHead(next, sealer.head(next));
    this.writeHead(text);
    this.lastHead = { text, tip: next };
  }

  /**
   * The tip from the head (the one this process wrote, or any with a valid seal), brought up to
   * date with what the chain file gained since; without a usable head, from the whole chain.
   * A chain shorter than its head (entries deleted) goes on from the head's hmac, so the gap stays
   * visible to `herald audit verify` instead of being papered over by a fresh start.
   */
  private currentTip(sealer: AuditSealer): ChainTip {
    const text = readIfExistsSync(this.path(AUDIT_HEAD_FILE));
    let head: ChainTip | undefined;
    if (this.lastHead && text === this.lastHead.text) head = this.lastHead.tip;
    else {
      const parsed = parseHead(text);
      if (parsed?.fields.file && parsed.fields.size !== undefined && sealer.head(parsed.fields) === parsed.seal) head = parsed.fields as ChainTip;
    }
    if (!head) return this.scan();
    const file = this.path(head.file);
    const size = sizeOf(file);
    if (size === head.size) return head;
    if (size < head.size) return { ...head, size, torn: size > 0 && readRange(file, size - 1, size) !== '\n' };
    return extend(head, readRange(file, head.size, size), head.size);
  }

  /** Reads the whole chain: the entry count, the last hmac (Bernstein's recovery rule) and where it ends. */
  private scan(): ChainTip {
    let tip: ChainTip = { count: 0, hmac: GENESIS_HMAC, file: '0000-00-00.jsonl', size: 0 };
    for (const name of this.files()) tip = extend({ ...tip, file: name }, readIfExistsSync(this.path(name)), 0);
    return tip;
  }

  private files(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.filter((n) => n.endsWith('.jsonl')).sort();
  }

  /** Replaces head.json atomically (a new file renamed over it); the lock keeps the temp name ours. */
  private writeHead(text: string): void {
    const temp = this.path(`.${AUDIT_HEAD_FILE}.${process.pid}.tmp`);
    rmSync(temp, { force: true });
    const fd = openNoFollow(temp, CREATE_NEW_NOFOLLOW);
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path(AUDIT_HEAD_FILE));
  }

  async *read(): AsyncIterable<AuditLine> {
    for (const name of this.files()) {
      const source = this.path(name);
      const text = await readTextIfExists(source);
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i]!.trim()) continue;
        const torn = i === lines.length - 1; // text after the last newline
        yield { source, line: i + 1, text: lines[i]!, ...(torn ? { torn } : {}) };
      }
    }
  }

  async head(): Promise<{ source: string; text: string } | undefined> {
    const source = this.path(AUDIT_HEAD_FILE);
    const text = await readTextIfExists(source);
    return text ? { source, text } : undefined;
  }
}

function openNoFollow(path: string, flags: number): number {
  try {
    return openSync(path, flags, 0o600);
  } catch (error) {
    throw nofollowError(path, error);
  }
}

function readIfExistsSync(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, READ_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw nofollowError(path, error);
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The tip after `text`, which the chain file holds from byte `from` on. */
function extend(tip: ChainTip, text: string, from: number): ChainTip {
  let { count, hmac } = tip;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    count++;
    try {
      hmac = (JSON.parse(line) as { hmac?: string }).hmac ?? hmac;
    } catch {
      /* a torn or corrupt line: verify reports it; the chain goes on from the last good hmac */
    }
  }
  return { count, hmac, file: tip.file, size: from + Buffer.byteLength(text), torn: text !== '' && !text.endsWith('\n') };
}

function readRange(path: string, start: number, end: number): string {
  const fd = openNoFollow(path, READ_NOFOLLOW);
  try {
    const buffer = Buffer.alloc(end - start);
    const read = readSync(fd, buffer, 0, buffer.length, start);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
