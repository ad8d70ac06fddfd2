/**
 * Group commit for hot statements: calls that arrive while earlier ones are on their way to the
 * database are sent together, as one statement for the whole group, when a slot frees up. Under
 * light load a call goes out alone at once (no timer, no added wait); under heavy load one round
 * trip serves many requests, so the statements per request (and the database's and driver's work
 * per request) fall as the load rises.
 *
 * `run` receives the group and returns one result per item, in order: a value, or an `Error` that
 * fails only that item. If the whole group's statement fails and it held more than one item, each
 * item is run again alone, so one bad row never fails its neighbours (and a row that fails alone
 * gets its own error).
 */
export class Coalescer<I, O> {
  private queue: Array<{ item: I; resolve: (value: O) => void; reject: (err: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;
  /** Groups sent and items carried (for tests and the benchmark's report). */
  readonly stats = { groups: 0, items: 0, largest: 0 };

  constructor(
    private readonly run: (items: I[]) => Promise<Array<O | Error>>,
    private readonly options: { maxGroup: number; maxInFlight: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    // After the I/O callbacks of this turn of the event loop: requests that arrived together go together.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const group = this.queue.splice(0, this.options.maxGroup);
      this.inFlight += 1;
      this.stats.groups += 1;
      this.stats.items += group.length;
      this.stats.largest = Math.max(this.stats.largest, group.length);
      void this.send(group).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async send(group: Coalescer<I, O>["queue"]): Promise<void> {
    let results: Array<O | Error>;
    try {
      results = await this.run(group.map((g) => g.item));
      if (results.length !== group.length) throw new Error(`coalesced statement answered ${results.length} of ${group.length} items`);
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return;
      }
      // One by one, so the failure stays with the item that caused it.
      await Promise.all(group.map((g) => this.send([g])));
      return;
    }
    results.forEach((r, i) => (r instanceof Error ? group[i].reject(r) : group[i].resolve(r)));
  }
}
