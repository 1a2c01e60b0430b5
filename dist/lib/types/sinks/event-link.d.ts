import type { NotificationEvent } from '../core/event.js';
export declare function runLinkOf(event: NotificationEvent): string | undefined;
