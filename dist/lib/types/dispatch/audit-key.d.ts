export interface AuditSettings {
    key?: string;
    key_file?: string;
    enabled?: boolean;
}
type Env = Record<string, string | undefined>;
export type AuditKeySource = {
    key: string;
} | {
    file: string;
};
/** Where the key is: inline, in a file, or nowhere (the audit chain is off). */
export declare function auditKeySource(audit: AuditSettings, env: Env, baseDir: string): AuditKeySource | undefined;
/** The key if there is one already (inline, or an existing file, checked); never creates a file. */
export declare function existingAuditKey(source: AuditKeySource | undefined): Promise<string | undefined>;
/**
 * The key in an existing key file, checked, or (with `create`) a new key written there. Without
 * `create` a missing file gives undefined: verifying must not invent a key.
 */
export declare function readAuditKeyFile(path: string, options: {
    create: boolean;
}): Promise<string | undefined>;
export {};
