import type { NotificationEvent } from '../core/event.js';
export declare const DIGEST_KIND = "digest";
/** How many event titles a digest lists before "+N more". */
export declare const DIGEST_TITLE_LINES = 10;
export declare function digestEvent(events: readonly NotificationEvent[], titleLines?: number): NotificationEvent;
