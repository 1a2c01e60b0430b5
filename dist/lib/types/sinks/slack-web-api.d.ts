import type { DeliverContext, RenderedMessage } from './define.js';
import { type MessageRef } from './threading.js';
export declare const SLACK_API_BASE_URL = "https://slack.com/api";
export interface SlackApiConfig {
    token?: string;
    channel?: string;
    api_base_url: string;
}
export declare function slackMethodUrl(cfg: SlackApiConfig, method: string): string;
/** chat.postMessage, as a reply under `replyTo` when given; says where the message lives. */
export declare function slackPost(message: RenderedMessage, cfg: SlackApiConfig, ctx: DeliverContext, replyTo?: MessageRef): Promise<MessageRef>;
/** chat.update of the stored message (its channel id, as chat.postMessage returned it). */
export declare function slackEdit(message: RenderedMessage, cfg: SlackApiConfig, ctx: DeliverContext, ref: MessageRef): Promise<void>;
