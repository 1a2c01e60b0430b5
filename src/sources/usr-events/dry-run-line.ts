// The generic provider's dry-run line — json.dumps(payload, sort_keys=True) — written out field by
// field for the payload shape buildPayload makes. A catch-up dry run prints one line per record:
// walking each payload generically (Object.keys, sort, recursion, a string piece per token) cost
// more than parsing the record. Here the fields that rarely change between consecutive records
// (action, dataset, run, tool, hash, version) are encoded once into larger segments and reused
// while they stay the same, so a line is a dozen pieces. Other shapes and values go through the
// general encoder, so the bytes are the same either way (test/usr/dry-run-line.test.ts).
import { pythonFloat } from '../../core/python-format.js';
import type { NotifyPayload } from './payload.js';
import { dryRunLine, encodeJsonString } from '../../core/python-json.js';

export class GenericDryRunEncoder {
  private readonly a = new Segment();
  private readonly b = new Segment();
  private readonly c = new Segment();
  private readonly d = new Segment();

  /**
   * `trusted`: no string in the payload needs an escape (see dryRunLine). The payload must come
   * from buildPayload (for the generic provider, the posted body is the payload itself).
   */
  line(p: NotifyPayload, trusted: boolean): string {
    const m = p.meta;
    if (p.cwd !== undefined || p.host !== undefined || m.usr_args !== undefined || m.usr_dataset_root !== undefined || m.usr_event !== undefined) {
      return dryRunLine(p, trusted);
    }
    const str = trusted ? quote : encodeJsonString;
    const head = p.message !== undefined ? '{"message": ' + str(p.message) + ', "meta": {"usr_action": ' : '{"meta": {"usr_action": ';
    const { a, b, c, d } = this;
    const segA = a.holds(m.usr_action, m.usr_dataset_name, m.usr_event_version)
      ? a.text
      : a.keep(m.usr_action, m.usr_dataset_name, m.usr_event_version, value(m.usr_action, trusted) + ', "usr_dataset_name": ' + value(m.usr_dataset_name, trusted) + ', "usr_event_version": ' + value(m.usr_event_version, trusted) + ', "usr_fingerprint": ');
    const segB = b.holds(m.usr_registry_hash, undefined, undefined) ? b.text : b.keep(m.usr_registry_hash, undefined, undefined, ', "usr_registry_hash": ' + value(m.usr_registry_hash, trusted) + ', "usr_timestamp": ');
    const segC = c.holds(p.run_id, p.status, undefined) ? c.text : c.keep(p.run_id, p.status, undefined, '}, "run_id": ' + str(p.run_id) + ', "status": ' + str(p.status) + ', "timestamp": ');
    const segD = d.holds(p.tool, p.version, undefined)
      ? d.text
      : d.keep(p.tool, p.version, undefined, ', "tool": ' + (typeof p.tool === 'string' ? str(p.tool) : value(p.tool, trusted)) + (p.version !== undefined ? ', "version": ' + value(p.version, trusted) : '') + '}');
    const usrTimestamp = value(m.usr_timestamp, trusted);
    const timestamp = p.timestamp === m.usr_timestamp ? usrTimestamp : str(p.timestamp);
    return head + segA + fingerprint(m.usr_fingerprint, trusted) + segB + usrTimestamp + segC + timestamp + segD;
  }
}

/**
 * The last encoding of up to three values; a value that is an object never matches a new one.
 * (Asked and filled in two calls, not through a callback: a closure per segment per line was
 * garbage a catch-up made a million times.)
 */
class Segment {
  private k1: unknown = Symbol();
  private k2: unknown;
  private k3: unknown;
  text = '';
  holds(k1: unknown, k2: unknown, k3: unknown): boolean {
    return k1 === this.k1 && k2 === this.k2 && k3 === this.k3;
  }
  keep(k1: unknown, k2: unknown, k3: unknown, text: string): string {
    this.k1 = k1;
    this.k2 = k2;
    this.k3 = k3;
    return (this.text = text);
  }
}

function quote(s: string): string {
  return '"' + s + '"';
}

function value(v: unknown, trusted: boolean): string {
  if (typeof v === 'string') return trusted ? '"' + v + '"' : encodeJsonString(v);
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (v === null || v === undefined) return 'null';
  return typeof v === 'number' ? pythonFloat(v) : dryRunLine(v, trusted);
}

/** The writer's fingerprint {rows, cols, size_bytes} of integers, else the general encoder. */
function fingerprint(v: unknown, trusted: boolean): string {
  const f = v as Record<string, unknown> | null;
  if (f !== null && typeof f === 'object' && Number.isInteger(f.rows) && Number.isInteger(f.cols) && Number.isInteger(f.size_bytes) && Object.keys(f).length === 3) {
    return '{"cols": ' + String(f.cols) + ', "rows": ' + String(f.rows) + ', "size_bytes": ' + String(f.size_bytes) + '}';
  }
  return value(v, trusted);
}
