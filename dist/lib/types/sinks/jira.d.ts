import * as z from '../core/zod.js';
import type { NotificationEvent } from '../core/event.js';
export declare const DEFAULT_JIRA_DEDUP_KEY = "{{kind}}:{{task_id}}";
type AdfNode = Record<string, unknown>;
/** The event as ADF: the body's paragraphs, then the event's facts. */
export declare function adfDocument(event: NotificationEvent): AdfNode;
/** The label standing for the dedup key: Jira labels are short and space-free, so a hash. */
export declare function dedupLabel(event: NotificationEvent, template: string): string;
export declare const jira: import("./define.js").SinkDefinition<{
    base_url: z.ZodMiniString<string>;
    project: z.ZodMiniString<string>;
    issue_type: z.ZodMiniDefault<z.ZodMiniString<string>>;
    email: z.ZodMiniOptional<z.ZodMiniString<string>>;
    api_token: z.ZodMiniOptional<z.ZodMiniString<string>>;
    bearer_token: z.ZodMiniOptional<z.ZodMiniString<string>>;
    labels: z.ZodMiniDefault<z.ZodMiniArray<z.ZodMiniString<string>>>;
    dedup_key: z.ZodMiniDefault<z.ZodMiniString<string>>;
    on_duplicate: z.ZodMiniDefault<z.ZodMiniEnum<{
        comment: "comment";
        skip: "skip";
    }>>;
}>;
export {};
