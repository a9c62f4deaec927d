// Emulators keep time on this clock so an @emulator scenario can let "31 minutes pass" instantly
// instead of waiting or shortening a documented lifetime.
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
