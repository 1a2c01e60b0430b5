import { Redactor } from './redact.js';
export interface Logger {
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    debug(message: string): void;
}
export interface Clock {
    nowMs(): number;
}
export interface RuntimeContext {
    clock: Clock;
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
    random(): number;
    env: Record<string, string | undefined>;
    cwd: string;
    log: Logger;
    redactor: Redactor;
    /** Where command output goes (and sinks' output, unless `sinkOutput` says otherwise). */
    stdout: (line: string) => void;
    /**
     * Where sinks that print (console) write. Under `--json` stdout carries JSON lines only, so the
     * CLI points this at stderr.
     */
    sinkOutput?: (line: string) => void;
}
export declare const systemClock: Clock;
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
/** A logger that writes redacted lines to stderr; quiet drops info/debug. */
export declare function stderrLogger(redactor: Redactor, options?: {
    quiet?: boolean;
    debug?: boolean;
}): Logger;
export declare function createRuntimeContext(overrides?: Partial<RuntimeContext>): RuntimeContext;
