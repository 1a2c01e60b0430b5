import type { NotificationEvent } from '../core/event.js';
/** Discord's colours (DISCORD_COLOURS), as hex for services that take "#RRGGBB". */
export declare const SEVERITY_HEX: Record<string, string>;
export declare const SEVERITY_EMOJI: Record<string, string>;
export declare const severityHex: (severity: string) => string;
export declare const severityEmoji: (severity: string) => string;
/**
 * Where the run can be seen: `details.run_url` (the action sets it from GITHUB_SERVER_URL), a
 * `run_url` label, else `details.url`. Only http(s) links: a service would reject anything else,
 * or worse, render it. Every sink that links to the run asks here.
 */
export declare function runLink(event: NotificationEvent): string | undefined;
export interface Fact {
    title: string;
    value: string;
}
/** Kind, severity, task, session, run and the first labels, each only when set and each cut short. */
export declare function eventFacts(event: NotificationEvent): Fact[];
