import { z } from 'zod';
import type { NotificationEvent } from '../core/event.js';
export declare const DEFAULT_JIRA_DEDUP_KEY = "{{kind}}:{{task_id}}";
type AdfNode = Record<string, unknown>;
/** The event as ADF: the body's paragraphs, then the event's facts. */
export declare function adfDocument(event: NotificationEvent): AdfNode;
/** The label standing for the dedup key: Jira labels are short and space-free, so a hash. */
export declare function dedupLabel(event: NotificationEvent, template: string): string;
export declare const jira: import("./define.js").SinkDefinition<{
    base_url: z.ZodString;
    project: z.ZodString;
    issue_type: z.ZodDefault<z.ZodString>;
    email: z.ZodOptional<z.ZodString>;
    api_token: z.ZodOptional<z.ZodString>;
    bearer_token: z.ZodOptional<z.ZodString>;
    labels: z.ZodDefault<z.ZodArray<z.ZodString>>;
    dedup_key: z.ZodDefault<z.ZodString>;
    on_duplicate: z.ZodDefault<z.ZodEnum<{
        comment: "comment";
        skip: "skip";
    }>>;
}>;
export {};
