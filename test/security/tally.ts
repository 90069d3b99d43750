/**
 * Counts what the security suites tried, by kind, and prints one line per suite at the end, so
 * the README's figures come from a run rather than from memory.
 */
export class Tally {
  private readonly counts = new Map<string, number>();
  constructor(private readonly suite: string) {}

  add(kind: string, n = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  print(): void {
    const parts = [...this.counts.entries()].map(([kind, n]) => `${kind} ${n}`);
    console.log(`[security] ${this.suite}: ${this.total()} tried (${parts.join(', ')})`);
  }
}
