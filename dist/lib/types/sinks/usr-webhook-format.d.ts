export declare const USR_PROVIDERS: readonly ["discord", "generic", "slack"];
export type UsrProvider = (typeof USR_PROVIDERS)[number];
/** The dnadesign notify payload (reference §5.4): what `generic` posts and what is spooled. */
export type UsrPayload = Record<string, unknown> & {
    status: string;
    tool: string;
    run_id: string;
    timestamp: string;
    meta: Record<string, unknown>;
    message?: string;
};
export declare class ProviderError extends Error {
}
export declare function normalizeProvider(value: string): UsrProvider;
/** `<STATUS> — <tool>/<run_id>` then message, host and cwd lines. */
export declare function summaryText(payload: UsrPayload): string;
export declare function formatUsrPayload(provider: UsrProvider, payload: UsrPayload): Record<string, unknown>;
/** Slack's host and path check (reference §5.5); other providers only need http(s) with a host. */
export declare function providerUrlProblem(provider: UsrProvider, url: string): string | undefined;
