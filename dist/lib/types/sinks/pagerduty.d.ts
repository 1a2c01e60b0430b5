import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
export declare const PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
/** Default dedup key: one alert per event kind and task, so the task's later success resolves it. */
export declare const DEFAULT_DEDUP_KEY = "bernstein:{{kind}}:{{task_id}}";
/** The filled key; an event without a task (an empty placeholder) falls back to its own id. */
export declare function pagerDutyDedupKey(event: NotificationEvent, template: string): string;
export declare const pagerduty: import("./define.js").SinkDefinition<{
    routing_key: z.ZodMiniString<string>;
    url: z.ZodMiniDefault<z.ZodMiniString<string>>;
    source: z.ZodMiniDefault<z.ZodMiniString<string>>;
    component: z.ZodMiniOptional<z.ZodMiniString<string>>;
    group: z.ZodMiniOptional<z.ZodMiniString<string>>;
    dedup_key: z.ZodMiniDefault<z.ZodMiniString<string>>;
    resolve_on_info: z.ZodMiniDefault<z.ZodMiniBoolean<boolean>>;
    /** PagerDuty severity per Herald severity (each its own name by default, `critical` included). */
    severity_map: z.ZodMiniDefault<z.ZodMiniObject<{
        info: z.ZodMiniOptional<z.ZodMiniEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
        warning: z.ZodMiniOptional<z.ZodMiniEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
        error: z.ZodMiniOptional<z.ZodMiniEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
        critical: z.ZodMiniOptional<z.ZodMiniEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
    }, z.core.$strict>>;
}>;
