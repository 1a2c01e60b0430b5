export declare function ensureSpoolDir(dir: string): Promise<void>;
export declare function writeSpoolFile(dir: string, provider: string, payload: Record<string, unknown>, nowMs: number): Promise<string>;
export declare function listSpoolFiles(dir: string): Promise<string[]>;
export interface SpoolEntry {
    file: string;
    payload: Record<string, unknown>;
    /** The provider the file names, if any (dnadesign writes it; a hand-made file may not). */
    provider?: string;
}
/** Reads one spool file; a message (the reference's text) when it is not a valid spool file. */
export declare function readSpoolFile(file: string): Promise<SpoolEntry | {
    file: string;
    problem: string;
}>;
