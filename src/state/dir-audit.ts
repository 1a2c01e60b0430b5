// The audit half of the `dir` backend: audit/<UTC day>.jsonl as Bernstein's AuditLog writes it,
// plus audit/head.json, the sealed head (count, last hmac, file and its size after that entry).
//
// Appending is O(1) in the chain's length: under the audit lock the head is read (one small file)
// and the chain file's size compared with the size the head recorded. Equal means the head's hmac
// is the tip, whichever process wrote it; different (Bernstein appended, a crash fell between line
// and head, the log was cut) means the chain itself is read once to find the tip, as Bernstein does.
// Entries are written in batches (issue 14 #1): those queued within FLUSH_MS are sealed, written
// with one write and covered by one head write, under one lock holding, so what a send pays per
// entry is little more than its HMAC. A crash between the lines and the head leaves a head behind
// the chain, which the next append reads on from (as above) and `audit verify` notes.
// The calls are synchronous: each is microseconds, and the work holds a lock file other processes
// are waiting on, so a round trip through libuv's thread pool per call would only make them wait.
import { constants, fstatSync, readdirSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_HEAD_FILE, encodeHead, parseHead } from './audit-head.js';
import { KeptFile, inodeOf, readRange, statOf } from './audit-files.js';
import { APPEND_NOFOLLOW, ensurePrivateDir, readTextIfExists, readTextIfExistsSync } from './files.js';
import { HeldLock } from './lock.js';
import type { AuditEntry, AuditHeadFields, AuditLine, AuditSealer } from './store.js';
import { GENESIS_HMAC } from './store.js';

const HEAD_BYTES = 512;
/** How long an entry may wait for others to share its write (a crash loses at most this much). */
const FLUSH_MS = 10;
/** Entries written at once at most, so a burst does not hold the lock for long. */
const MAX_BATCH = 1000;
const RDWR_NOFOLLOW = constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW;

interface ChainTip extends AuditHeadFields {
  file: string;
  size: number;
  /** The chain file does not end with a newline: the next line must not be glued to a torn one. */
  torn?: boolean;
  /** The chain file's inode, when just checked (no second stat to append to it). */
  ino?: number;
}

/** Entries waiting for one write, and the promise they all share. */
interface Batch {
  entries: AuditEntry[];
  sealers: AuditSealer[];
  written: Promise<void>;
  settle: (error?: unknown) => void;
}

export class DirAuditLog {
  private batch: Batch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** The head this process wrote last, as text: finding it unchanged needs no seal check. */
  private lastHead: { text: string; tip: ChainTip; epoch: number } | undefined;
  private ready: Promise<void> | undefined;
  private readonly headFile = new KeptFile(RDWR_NOFOLLOW);
  private readonly chainFile = new KeptFile(APPEND_NOFOLLOW);
  private headIno: number | undefined;
  private readonly lock: HeldLock;

  constructor(private readonly dir: string) {
    this.lock = new HeldLock(join(dir, 'lock'));
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  /**
   * Queues the entry; it is sealed and written with the others queued within FLUSH_MS (one write
   * of all their lines and one of the head, under one lock holding), and the promise settles when
   * its batch is on disk. A caller that does not wait for each entry before the next (the
   * dispatcher) gets batches; one that waits pays FLUSH_MS of wall time per entry, not CPU.
   */
  append(entry: AuditEntry, sealer: AuditSealer): Promise<void> {
    const batch = (this.batch ??= newBatch());
    batch.entries.push(entry);
    batch.sealers.push(sealer);
    if (batch.entries.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    return batch.written;
  }

  /** Writes what is queued (in order: a flush waits for the one before it). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    this.batch = undefined;
    if (!batch) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await (this.ready ??= ensurePrivateDir(this.dir));
        await this.lock.run(() => this.writeBatch(batch));
        batch.settle();
      } catch (error) {
        batch.settle(error);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    while (this.batch) await this.flush();
    await this.flushing;
    this.lock.release();
    this.headFile.close();
    this.chainFile.close();
  }

  private writeBatch({ entries, sealers }: Batch): void {
    let tip: ChainTip = this.currentTip(sealers[0]!);
    let lines = '';
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      // One chain across days, in file order: files later than the tip's (another writer's clock
      // ran ahead) are read on, and an entry never goes back to an earlier day's file.
      const day = `${entry.timestamp.slice(0, 10)}.jsonl`;
      if (day > tip.file) {
        tip = this.writeLines(tip, lines);
        lines = '';
        for (const name of this.files().filter((n) => n > tip.file)) tip = extend({ ...tip, file: name }, readTextIfExistsSync(this.path(name)), 0);
        if (day > tip.file) tip = { ...tip, file: day, size: 0, torn: false, ino: undefined };
      }
      const sealed = sealers[i]!.entry(tip.hmac, entry);
      lines += `${tip.torn ? '\n' : ''}${sealed.line}\n`;
      tip = { ...tip, count: tip.count + 1, hmac: sealed.hmac, torn: false };
    }
    const next = this.writeLines(tip, lines);
    const text = padHead(encodeHead(next, sealers[sealers.length - 1]!.head(next)));
    this.writeHead(text);
    this.lastHead = { text, tip: next, epoch: this.lock.epoch };
  }

  /** Appends `lines` (one write) to the tip's file; the tip with the file's size after them. */
  private writeLines(tip: ChainTip, lines: string): ChainTip {
    if (!lines) return tip;
    const path = this.path(tip.file);
    const fd = this.chainFile.get(path, tip.ino ?? inodeOf(path));
    writeSync(fd, lines);
    return { count: tip.count, hmac: tip.hmac, file: tip.file, size: fstatSync(fd).size };
  }

  /**
   * The tip from the head (the one this process wrote, or any with a valid seal), brought up to
   * date with what the chain file gained since; without a usable head, from the whole chain.
   * A chain shorter than its head (entries deleted) goes on from the head's hmac, so the gap stays
   * visible to `herald audit verify` instead of being papered over by a fresh start.
   */
  private currentTip(sealer: AuditSealer): ChainTip {
    // Written under this holding of the lock: no other Herald process can have moved it since.
    const head = this.lastHead?.epoch === this.lock.epoch ? this.lastHead.tip : this.headFromFile(sealer);
    if (!head) return this.scan();
    const file = this.path(head.file);
    const { size, ino } = statOf(file);
    if (size === head.size) return { ...head, ino };
    if (size < head.size) return { ...head, size, torn: size > 0 && readRange(file, size - 1, size) !== '\n' };
    return extend(head, readRange(file, head.size, size), head.size);
  }

  /** The head as stored, when this process wrote it or its seal holds. */
  private headFromFile(sealer: AuditSealer): ChainTip | undefined {
    const text = this.readHead();
    if (this.lastHead && text === this.lastHead.text) return this.lastHead.tip;
    const parsed = parseHead(text);
    if (parsed?.fields.file && parsed.fields.size !== undefined && sealer.head(parsed.fields) === parsed.seal) return parsed.fields as ChainTip;
    return undefined;
  }

  /**
   * head.json is one fixed-size record rewritten in place (one pwrite of HEAD_BYTES at offset 0)
   * on a descriptor kept open: no rename per entry, which costs more than the rest of an append
   * on some filesystems (overlayfs), and no moment at which the head is missing.
   */
  private readHead(): string {
    const path = this.path(AUDIT_HEAD_FILE);
    const ino = inodeOf(path);
    this.headIno = ino;
    if (ino === undefined) return '';
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(this.headFile.get(path, ino), buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  }

  private writeHead(text: string): void {
    const path = this.path(AUDIT_HEAD_FILE);
    // Under the lock since readHead: the same file, when there was one.
    writeSync(this.headFile.get(path, this.headIno), text, 0);
    this.headIno = this.headFile.inode;
  }

  /** Reads the whole chain: the entry count, the last hmac (Bernstein's recovery rule) and where it ends. */
  private scan(): ChainTip {
    let tip: ChainTip = { count: 0, hmac: GENESIS_HMAC, file: '0000-00-00.jsonl', size: 0 };
    for (const name of this.files()) tip = extend({ ...tip, file: name }, readTextIfExistsSync(this.path(name)), 0);
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

/** The record padded with spaces to HEAD_BYTES (JSON ignores them), so each rewrite covers the last. */
function padHead(text: string): string {
  const line = text.trimEnd();
  if (Buffer.byteLength(line) >= HEAD_BYTES) throw new Error(`audit head record longer than ${HEAD_BYTES} bytes`);
  return line.padEnd(HEAD_BYTES - 1, ' ') + '\n';
}

function newBatch(): Batch {
  let settle!: (error?: unknown) => void;
  const written = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
  // Each appender gets this promise; one whose caller stopped listening must not crash the process.
  written.catch(() => undefined);
  return { entries: [], sealers: [], written, settle };
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

