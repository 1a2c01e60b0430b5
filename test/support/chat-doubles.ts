// Loopback doubles of the chat APIs living messages use, keeping the messages they were sent so a
// test can read the channel as a user would: Slack's Web API (chat.postMessage, chat.update, with
// ok/error bodies and a per-second call budget answered by 429 + Retry-After), Discord's webhook
// (?wait=true, PATCH …/messages/{id}, 404 Unknown Message) and Telegram's Bot API (sendMessage,
// editMessageText, reply_parameters).
import { startReceiver, type ReceivedRequest, type Receiver, type ScriptedReply } from './receiver.js';

export interface ChatMessage {
  id: string;
  channel: string;
  /** The parent's id when this is a reply in a thread. */
  parent?: string;
  /** The latest body it was posted or edited with. */
  body: Record<string, unknown>;
  edits: number;
}

export interface ChatDouble {
  url: string;
  receiver: Receiver;
  messages: Map<string, ChatMessage>;
  /** API calls by method name (chat.postMessage, chat.update, post, patch, sendMessage…). */
  calls: Record<string, number>;
  /** Deletes a message, as a user would in the client. */
  remove(id: string): void;
  /** Answers the next calls with these replies before behaving normally again. */
  script(replies: ScriptedReply[]): void;
  parents(): ChatMessage[];
  replies(parentId: string): ChatMessage[];
  reset(): void;
  close(): Promise<void>;
}

interface DoubleOptions {
  /** Calls allowed per second; more earn a 429 with Retry-After (Slack's "1 per second"). */
  callsPerSecond?: number;
  /** Delay before answering a post that creates a message (to widen a race window). */
  postDelayMs?: number;
}

function base(receiver: Receiver, options: DoubleOptions) {
  const messages = new Map<string, ChatMessage>();
  const calls: Record<string, number> = {};
  const recent: number[] = [];
  return {
    messages,
    calls,
    count(method: string) {
      calls[method] = (calls[method] ?? 0) + 1;
    },
    /** A 429 when the call budget of the last second is spent. */
    throttled(): number | undefined {
      if (!options.callsPerSecond) return undefined;
      const now = Date.now();
      while (recent.length && recent[0]! <= now - 1000) recent.shift();
      if (recent.length >= options.callsPerSecond) return Math.max(1, Math.ceil((recent[0]! + 1000 - now) / 1000));
      recent.push(now);
      return undefined;
    },
    double(extra: Partial<ChatDouble> = {}): ChatDouble {
      return {
        url: receiver.url,
        receiver,
        messages,
        calls,
        remove: (id) => void messages.delete(id),
        script: (replies) => receiver.script(replies),
        parents: () => [...messages.values()].filter((m) => !m.parent),
        replies: (parentId) => [...messages.values()].filter((m) => m.parent === parentId),
        reset() {
          messages.clear();
          for (const key of Object.keys(calls)) delete calls[key];
          receiver.requests.length = 0;
        },
        close: () => receiver.close(),
        ...extra,
      };
    },
  };
}

export async function startSlackDouble(options: DoubleOptions = {}): Promise<ChatDouble> {
  let seq = 1000;
  let state: ReturnType<typeof base>;
  const receiver = await startReceiver((req: ReceivedRequest): ScriptedReply => {
    const method = req.path.split('/').pop()!;
    state.count(method);
    const wait = state.throttled();
    if (wait !== undefined) return { status: 429, headers: { 'retry-after': String(wait) }, body: '' };
    if (req.headers.authorization !== 'Bearer xoxb-test-token') return { json: { ok: false, error: 'invalid_auth' } };
    const body = req.json as Record<string, unknown>;
    if (method === 'chat.postMessage') {
      const thread = body.thread_ts as string | undefined;
      if (thread && !state.messages.has(thread)) return { json: { ok: false, error: 'thread_not_found' } };
      const ts = `1700000000.${String(seq++).padStart(6, '0')}`;
      const channel = 'C0CHANNEL';
      state.messages.set(ts, { id: ts, channel, ...(thread ? { parent: thread } : {}), body, edits: 0 });
      return { json: { ok: true, channel, ts, message: { text: body.text } }, delayMs: thread ? 0 : options.postDelayMs };
    }
    if (method === 'chat.update') {
      const message = state.messages.get(String(body.ts));
      if (!message || body.channel !== message.channel) return { json: { ok: false, error: 'message_not_found' } };
      message.body = body;
      message.edits++;
      return { json: { ok: true, channel: message.channel, ts: message.id } };
    }
    return { json: { ok: false, error: 'unknown_method' } };
  });
  state = base(receiver, options);
  return state.double({ url: `${receiver.url}/api` });
}

export async function startDiscordDouble(options: DoubleOptions = {}): Promise<ChatDouble> {
  let seq = 5000;
  let state: ReturnType<typeof base>;
  const receiver = await startReceiver((req: ReceivedRequest): ScriptedReply => {
    const url = new URL(req.path, 'http://x');
    const edit = url.pathname.match(/\/messages\/(\d+)$/);
    state.count(req.method.toLowerCase());
    const body = req.json as Record<string, unknown>;
    if (req.method === 'PATCH' && edit) {
      const message = state.messages.get(edit[1]!);
      if (!message) return { status: 404, json: { message: 'Unknown Message', code: 10008 } };
      message.body = body;
      message.edits++;
      return { json: { id: message.id, ...body } };
    }
    if (req.method !== 'POST') return { status: 405, json: { message: '405: Method Not Allowed', code: 0 } };
    const id = String(seq++);
    const thread = url.searchParams.get('thread_id') ?? undefined;
    state.messages.set(id, { id, channel: 'webhook', ...(thread ? { parent: thread } : {}), body, edits: 0 });
    if (url.searchParams.get('wait') !== 'true') return { status: 204, body: '' };
    return { json: { id, channel_id: 'webhook', ...body }, delayMs: options.postDelayMs };
  });
  state = base(receiver, options);
  return state.double({ url: `${receiver.url}/api/webhooks/1/tok` });
}

export async function startTelegramDouble(options: DoubleOptions = {}): Promise<ChatDouble> {
  let seq = 10;
  let state: ReturnType<typeof base>;
  const receiver = await startReceiver((req: ReceivedRequest): ScriptedReply => {
    const method = req.path.split('/').pop()!;
    state.count(method);
    const body = req.json as Record<string, unknown>;
    const chat = String(body.chat_id);
    if (method === 'sendMessage') {
      const reply = (body.reply_parameters as { message_id?: number } | undefined)?.message_id;
      const id = String(seq++);
      state.messages.set(id, { id, channel: chat, ...(reply !== undefined ? { parent: String(reply) } : {}), body, edits: 0 });
      return { json: { ok: true, result: { message_id: Number(id), chat: { id: body.chat_id }, text: body.text } }, delayMs: reply ? 0 : options.postDelayMs };
    }
    if (method === 'editMessageText') {
      const message = state.messages.get(String(body.message_id));
      if (!message) return { status: 400, json: { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' } };
      if (message.body.text === body.text) return { status: 400, json: { ok: false, error_code: 400, description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message' } };
      message.body = { ...message.body, ...body };
      message.edits++;
      return { json: { ok: true, result: { message_id: Number(message.id), text: body.text } } };
    }
    return { status: 404, json: { ok: false, error_code: 404, description: 'Not Found' } };
  });
  state = base(receiver, options);
  return state.double({ url: receiver.url });
}
