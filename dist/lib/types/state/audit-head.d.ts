import type { AuditHeadFields } from './store.js';
export declare const AUDIT_HEAD_FILE = "head.json";
export interface SealedHead {
    fields: AuditHeadFields;
    seal: string;
}
export declare function encodeHead(fields: AuditHeadFields, seal: string): string;
/** The head in `text`, or undefined when it is not one (missing fields, not JSON). */
export declare function parseHead(text: string): SealedHead | undefined;
/** The fields in the fixed order the seal is computed over. */
export declare function headMessage(fields: AuditHeadFields): string;
