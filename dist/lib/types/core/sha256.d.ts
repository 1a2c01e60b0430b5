/** The lowercase hex SHA-256 of `text` encoded as UTF-8 (what createHash('sha256') gives). */
export declare function sha256Hex(text: string): string;
