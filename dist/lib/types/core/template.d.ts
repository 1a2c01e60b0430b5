import type { NotificationEvent } from './event.js';
export declare function applyTemplate(event: NotificationEvent, template: {
    title?: string;
    body?: string;
} | undefined): NotificationEvent;
export declare function fill(text: string, event: NotificationEvent): string;
