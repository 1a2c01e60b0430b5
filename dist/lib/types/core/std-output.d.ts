type Write = (text: string | Uint8Array) => void;
export declare const writeOut: Write;
export declare const writeErr: Write;
/** Tests that run the CLI in-process read its output here; undefined puts the descriptors back. */
export declare function redirectOutput(to: {
    out: Write;
    err: Write;
} | undefined): void;
/** Whether a descriptor is a terminal, without building the stream when it cannot be one. */
export declare function isTerminal(fd: 1 | 2): boolean;
export {};
