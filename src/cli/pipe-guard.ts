// A reader that goes away (`herald watch | head`) is not a failure. Most output goes through the
// descriptors (core/std-output.ts), which drop it then; process.stdout and process.stderr, which
// `watch` and the progress bars use, get their guard when first touched: touching them at start
// would build Node's stream machinery for every command.

/** Makes an EPIPE on either stream end the process with its exit status so far. */
export function guardStreamsWhenTouched(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const lazy = Object.getOwnPropertyDescriptor(process, name);
    if (!lazy?.get || !lazy.configurable) continue;
    let stream: NodeJS.WriteStream | undefined;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: lazy.enumerable,
      get() {
        if (stream) return stream;
        stream = lazy.get!.call(process) as NodeJS.WriteStream;
        stream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
          throw error;
        });
        return stream;
      },
    });
  }
}
