// Markdown of what each sink would receive, for `herald render --format markdown` and the
// action's dry-run summary. It lives below both front doors because the CLI and the action
// must never import each other (STYLE.md, "Imports run one way").
import type { RenderedForSink } from '../dispatch/render.js';

export function renderMarkdown(rendered: readonly RenderedForSink[], redact: (text: string) => string): string {
  const lines: string[] = [];
  for (const item of rendered) {
    lines.push(`### ${item.sink_id} (${item.kind}) — event \`${item.event_id}\``);
    if (!item.message) {
      lines.push('', `_Not sent: ${item.reason}_`, '');
      continue;
    }
    if (item.wouldBe) lines.push('', `_Would be ${item.wouldBe}: already delivered inside the dedup window._`);
    if (item.threading) lines.push('', `_Living message (conversation \`${redact(item.threading.conversation)}\`): would ${item.threading.action.replace(/_/g, ' ')}${item.threading.ref ? ` message ${item.threading.ref.id}` : ' the first message'}._`);
    const body = typeof item.message.body === 'string' ? item.message.body : JSON.stringify(item.message.body, null, 2);
    // A fence inside the body would close ours early; a zero-width space keeps it literal.
    lines.push('', `\`${item.message.target}\``, ...shownHeaders(item.message.meta), '', '```' + (typeof item.message.body === 'string' ? 'text' : 'json'), body.replace(/```/g, '`\u200b``'), '```', '');
  }
  return redact(lines.join('\n'));
}

/**
 * Headers that carry part of the message (ntfy's Title, Priority, Tags): without them the summary
 * would show a push notification's body alone. Content type and credentials are left out.
 */
function shownHeaders(meta: Record<string, unknown> | undefined): string[] {
  const headers = meta?.headers;
  if (!headers || typeof headers !== 'object') return [];
  const shown = Object.entries(headers as Record<string, unknown>).filter(([name]) => !/^(content-type|authorization|x-.*key|.*token.*)$/i.test(name));
  return shown.length ? ['', ...shown.map(([name, value]) => `- ${name}: \`${String(value)}\``)] : [];
}
