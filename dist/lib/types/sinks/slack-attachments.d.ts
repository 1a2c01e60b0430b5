import type { NotificationEvent } from '../core/event.js';
interface Attachment {
    fallback: string;
    color: string;
    text?: string;
    title?: string;
    title_link?: string;
    fields: {
        title: string;
        value: string;
        short: boolean;
    }[];
}
/** The message: a bold title line with the severity's emoji, and one coloured attachment. */
export declare function slackStyleMessage(event: NotificationEvent, { bold, textLimit }: {
    bold: '*' | '**';
    textLimit: number;
}): {
    text: string;
    attachments: Attachment[];
};
/** The overrides Slack-style incoming webhooks take, sent only when set (a webhook's settings may forbid them). */
export declare function withIdentity(body: Record<string, unknown>, cfg: {
    channel?: string;
    username?: string;
    icon_url?: string;
    icon_emoji?: string;
}): Record<string, unknown>;
export {};
