// What a dry run prints (reference §4.1 step 8): per record, the profile webhook's body as
// json.dumps(…, sort_keys=True) writes it, and, when a Herald config adds sinks, what each of them
// would receive. A catch-up prints a line per record, so lines are gathered as bytes and written a
// batch at a time, with the generic body encoded by the fast encoder (dry-run-line.ts).
import { dryRunLine, isPlainJsonString } from '../core/python-json.js';
import { formatUsrPayload, normalizeProvider, type UsrProvider } from '../sinks/usr-webhook-format.js';
import { convertedEvent } from '../sources/usr-events/convert.js';
import { GenericDryRunEncoder } from '../sources/usr-events/dry-run-line.js';
import { AsciiLineBuffer } from '../sources/usr-events/line-buffer.js';
import type { UsrItem } from '../sources/usr-events/read.js';
import type { NotificationEvent } from '../core/event.js';
import type { RenderedForSink } from '../dispatch/render.js';

export interface OutputDeps {
  out: (line: string) => void;
  /** Whole dry-run lines as ASCII bytes, each ending in "\n"; without it they go through `out`. */
  outBytes?: (lines: Buffer) => void;
  /** Resolves when the output stream can take more (backpressure), so memory stays bounded. */
  drain?: () => Promise<void> | undefined;
}

export class DryRunPrinter {
  private readonly provider: UsrProvider | undefined;
  private readonly encoder = new GenericDryRunEncoder();
  private readonly out = new AsciiLineBuffer();
  /** No override puts a string that needs an escape into every payload. */
  private readonly plainOverrides: boolean;

  constructor(
    private readonly s: { provider?: string; toolOverride?: string; runIdOverride?: string; fanOut?: boolean },
    private readonly deps: OutputDeps,
  ) {
    this.provider = s.provider ? normalizeProvider(s.provider) : undefined;
    this.plainOverrides = [s.toolOverride, s.runIdOverride].every((v) => v === undefined || isPlainJsonString(v));
  }

  /** `render`: what the pipeline's sinks would receive, printed after each record's payload. */
  print(items: readonly UsrItem[], render: ((events: readonly NotificationEvent[]) => RenderedForSink[]) | undefined): void {
    for (const item of items) {
      const payload = item.payload;
      if (this.provider === 'generic') {
        // A line that is ASCII without a backslash holds no string needing an escape.
        const trusted = this.plainOverrides && item.plainLine && (payload.message === undefined || isPlainJsonString(payload.message));
        this.out.push(this.encoder.line(payload, trusted));
      } else if (this.provider) this.out.push(dryRunLine(formatUsrPayload(this.provider, payload)));
      if (this.s.fanOut && render) {
        this.flush();
        for (const r of render([convertedEvent(item, item.eventId, item.nowMs)])) {
          if (r.message) this.deps.out(JSON.stringify({ sink_id: r.sink_id, event_id: r.event_id, message: r.message }));
        }
      }
    }
    this.flush();
  }

  flush(): void {
    if (this.out.empty) return;
    if (this.deps.outBytes) this.deps.outBytes(this.out.takeBytes());
    else this.deps.out(this.out.take());
  }

  async drain(): Promise<void> {
    await this.deps.drain?.();
  }
}
