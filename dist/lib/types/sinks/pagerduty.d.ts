import { z } from 'zod';
import type { NotificationEvent } from '../core/event.js';
export declare const PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
/** Default dedup key: one alert per event kind and task, so the task's later success resolves it. */
export declare const DEFAULT_DEDUP_KEY = "bernstein:{{kind}}:{{task_id}}";
/** The filled key; an event without a task (an empty placeholder) falls back to its own id. */
export declare function pagerDutyDedupKey(event: NotificationEvent, template: string): string;
export declare const pagerduty: import("./define.js").SinkDefinition<{
    routing_key: z.ZodString;
    url: z.ZodDefault<z.ZodString>;
    source: z.ZodDefault<z.ZodString>;
    component: z.ZodOptional<z.ZodString>;
    group: z.ZodOptional<z.ZodString>;
    dedup_key: z.ZodDefault<z.ZodString>;
    resolve_on_info: z.ZodDefault<z.ZodBoolean>;
    /** PagerDuty severity per Herald severity (each its own name by default, `critical` included). */
    severity_map: z.ZodDefault<z.ZodObject<{
        info: z.ZodOptional<z.ZodEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
        warning: z.ZodOptional<z.ZodEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
        error: z.ZodOptional<z.ZodEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
        critical: z.ZodOptional<z.ZodEnum<{
            info: "info";
            warning: "warning";
            error: "error";
            critical: "critical";
        }>>;
    }, z.core.$strict>>;
}>;
