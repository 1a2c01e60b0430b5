// `herald render` (and `send --dry-run`): what each sink would receive. Sends nothing, touches no state.
import type { Command } from 'commander';
import type { Herald } from '../herald.js';
import type { RenderedForSink } from '../dispatch/dispatcher.js';
import { UsageError } from '../core/errors.js';
import type { NotificationEvent } from '../core/event.js';
import { renderMarkdown } from '../report/markdown.js';
import { openHerald, withCommonOptions, type CommonFlags } from './common.js';
import { checkSinkIds, readEvents, withEventOptions, type EventOptionFlags } from './event-options.js';
import { topCommand } from './command-index.js';

interface RenderFlags extends CommonFlags, EventOptionFlags {
  format?: string;
}

export function registerRender(program: Command): void {
  withCommonOptions(withEventOptions(topCommand(program, 'render')))
    .option('--format <format>', 'json (one object per sink and event) or markdown', 'json')
    .action(async (flags: RenderFlags) => {
      const herald = await openHerald(flags, { allowDefault: true, tolerateMissing: true });
      try {
        checkSinkIds(herald, flags.sink);
        const events = await readEvents(flags, herald.ctx.env, herald.ctx.cwd, herald.ctx.clock.nowMs() / 1000);
        printRendered(herald, await renderedWithThreads(herald, events, flags.sink), flags.format ?? 'json');
      } finally {
        await herald.close();
      }
    });
}

/** What each sink would receive; with living messages, also whether it would create, edit or reply (from the state). */
export async function renderedWithThreads(herald: Herald, events: NotificationEvent[], sinkIds?: readonly string[]): Promise<RenderedForSink[]> {
  return herald.keepsLivingMessages ? herald.preview(events, sinkIds) : herald.render(events, sinkIds);
}

export function printRendered(herald: Pick<Herald, 'ctx'>, rendered: RenderedForSink[], format: string): void {
  if (format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be json or markdown (got '${format}')`);
  // Everything printed goes through the redactor: URLs show scheme and host only.
  const r = herald.ctx.redactor;
  if (format === 'json') {
    for (const item of rendered) {
      herald.ctx.stdout(
        JSON.stringify(
          r.redactDeep({
            sink_id: item.sink_id,
            kind: item.kind,
            event_id: item.event_id,
            ...(item.message ? { target: item.message.target, payload: item.message.body, ...(item.message.meta ? { meta: item.message.meta } : {}) } : { skipped: item.reason }),
            ...(item.wouldBe ? { would_be: item.wouldBe } : {}),
            ...(item.threading ? { threading: item.threading } : {}),
          }),
        ),
      );
    }
    return;
  }
  herald.ctx.stdout(renderMarkdown(rendered, (t) => r.redact(t)));
}
