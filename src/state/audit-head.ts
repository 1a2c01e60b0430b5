// The audit chain's sealed head (one small JSON record beside the chain): how many entries there
// are and the last hmac, with a seal made with the audit key. A missing tail, an emptied log or a
// deleted file then shows as a head that promises more than the chain holds.
import type { AuditHeadFields } from './store.js';

export const AUDIT_HEAD_FILE = 'head.json';

export interface SealedHead {
  fields: AuditHeadFields;
  seal: string;
}

export function encodeHead(fields: AuditHeadFields, seal: string): string {
  return JSON.stringify({ count: fields.count, file: fields.file, hmac: fields.hmac, size: fields.size, seal }) + '\n';
}

/** The head in `text`, or undefined when it is not one (missing fields, not JSON). */
export function parseHead(text: string): SealedHead | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { count, hmac, file, size, seal } = value;
  if (!Number.isInteger(count) || (count as number) < 0 || typeof hmac !== 'string' || typeof seal !== 'string') return undefined;
  if (file !== undefined && typeof file !== 'string') return undefined;
  if (size !== undefined && !Number.isInteger(size)) return undefined;
  return { fields: { count: count as number, hmac, ...(file !== undefined ? { file: file as string } : {}), ...(size !== undefined ? { size: size as number } : {}) }, seal };
}

/** The fields in the fixed order the seal is computed over. */
export function headMessage(fields: AuditHeadFields): string {
  return `herald-audit-head:v1\n${JSON.stringify([fields.count, fields.hmac, fields.file ?? null, fields.size ?? null])}`;
}
