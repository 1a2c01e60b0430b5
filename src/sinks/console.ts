// One readable line per event on stdout: for logs, CI output and the demo.
import * as z from '../core/zod.js';
import { defineSink } from './define.js';

const MARKS = { info: 'INFO ', warning: 'WARN ', error: 'ERROR', critical: 'CRIT ' } as const;

export const consoleSink = defineSink({
  kind: 'console',
  config: {
    show_body: z._default(z.boolean(), true),
  },
  render(event, cfg) {
    const time = new Date(event.timestamp * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const task = event.task_id ? ` [${event.task_id}]` : '';
    const body = cfg.show_body && event.body ? ` — ${event.body.replace(/\s*\n\s*/g, ' | ')}` : '';
    return { target: 'stdout', body: `${time} ${MARKS[event.severity] ?? event.severity} ${event.kind}${task} ${event.title}${body}` };
  },
  async deliver(message, _cfg, ctx) {
    ctx.stdout(String(message.body));
  },
});
