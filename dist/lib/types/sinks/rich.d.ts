import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
export declare const FormatShape: {
    format: z.ZodMiniDefault<z.ZodMiniEnum<{
        text: "text";
        rich: "rich";
    }>>;
};
export type RunState = 'started' | 'running' | 'success' | 'failure' | 'cancelled';
export declare const STATE_EMOJI: Record<RunState, string>;
/** Slack/Discord colours per state: grey-blue while running, green, red, grey. */
export declare const STATE_COLOUR: Record<RunState, number>;
export interface RichView {
    state: RunState;
    emoji: string;
    title: string;
    body: string;
    /** Label → value, in display order, only those the event has. */
    facts: [string, string][];
    link?: string;
}
/** started ⏳, running ⏳, success ✅, failure ❌, cancelled ⚪ — from the status the source gave, else kind and severity. */
export declare function runState(event: NotificationEvent): RunState;
export declare function formatSeconds(seconds: number): string;
export declare function richView(event: NotificationEvent): RichView;
