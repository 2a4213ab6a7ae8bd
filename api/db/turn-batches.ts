/**
 * Collects what is pushed during one turn of the event loop and hands it over in groups, one group at a time:
 * the queue behind group commit (db/group-commit.ts, payments/batcher.ts).
 *
 * The first push schedules the group with setImmediate rather than starting it at once. Everything a request
 * does before it gets here runs in microtasks, and with SQLite (a synchronous driver) so would the whole
 * transaction: started at once, the first request would commit alone before Node even read the next request
 * off its socket, and every transaction would pay for its own fsync. setImmediate runs after the poll phase,
 * when every request that arrived meanwhile has been pushed; a lone one waits only for that turn. Pushes that
 * come while a group is being handled go into the next group.
 */
export class TurnBatches<T> {
  #queue: T[] = [];
  #running = false;
  #scheduled = false;

  /** `handle` answers its items itself and must not throw. */
  constructor(
    private readonly max: number,
    private readonly handle: (group: T[]) => Promise<void>,
  ) {}

  push(item: T): void {
    this.#queue.push(item);
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) await this.handle(this.#queue.splice(0, this.max));
    } finally {
      this.#running = false;
    }
  }
}
