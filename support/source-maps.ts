// Source maps only where a person reads a stack. Playwright captures a stack trace at the start of every
// call, and with tsx's source maps on, each capture is mapped frame by frame: about 1 ms per request
// (npm run bench). Node formats a stack when it is first read, with the setting of that moment, so the
// run turns them off once the support code is loaded (a module loaded with maps off keeps none) and a
// failure's stack is read once, mapped, before cucumber records it.

export function sourceMapsOff(): void {
  process.setSourceMapsEnabled(false);
}

/** Runs `read`, which reads an error's stack, with source maps on: its frames then name .ts lines. */
export function withSourceMaps<T>(read: () => T): T {
  const before = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(true);
  try {
    return read();
  } finally {
    process.setSourceMapsEnabled(before);
  }
}
