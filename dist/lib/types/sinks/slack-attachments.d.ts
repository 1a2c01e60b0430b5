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
export {};
