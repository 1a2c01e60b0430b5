// SHA-256 of short text in JavaScript: the event id every `herald send` derives, and a sink's
// dedup key. Loading node:crypto costs ~11 ms of a ~130 ms start (it evaluates all of its
// submodules), more than the rest of a dry run's hashing put together; bulk hashing (files, the
// USR catch-up, the audit HMAC) stays on node:crypto.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The lowercase hex SHA-256 of `text` encoded as UTF-8 (what createHash('sha256') gives). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
