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
  #running = 0;
  #scheduled = false;

  /**
   * `handle` answers its items itself and must not throw. `concurrency`: how many groups may be handled at
   * once (1: a group forms while the one before it runs, and starts when it ends).
   */
  constructor(
    private readonly max: number,
    private readonly handle: (group: T[]) => Promise<void>,
    private readonly concurrency = 1,
  ) {}

  push(item: T): void {
    this.#queue.push(item);
    if (this.#running >= this.concurrency || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  /** Starts groups from the queue while there are items and free places. */
  #start(): void {
    while (this.#queue.length > 0 && this.#running < this.concurrency) {
      const group = this.#queue.splice(0, this.max);
      this.#running++;
      void this.handle(group).finally(() => {
        this.#running--;
        this.#start();
      });
    }
  }
}
