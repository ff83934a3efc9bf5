/**
 * Answers by key, shared while they are still on their way: whoever asks for a key that is in flight
 * awaits that request instead of starting a second one, which the client's `supersede` would abort.
 */
export class RequestCache<T> {
  readonly #entries = new Map<string, { answer: Promise<T>; value?: T }>();

  /** The answer for `key` if it has arrived. */
  arrived(key: string): T | undefined {
    return this.#entries.get(key)?.value;
  }

  fetch(key: string, request: () => Promise<T>): Promise<T> {
    const known = this.#entries.get(key);
    if (known) return known.answer;
    const entry: { answer: Promise<T>; value?: T } = { answer: request() };
    this.#entries.set(key, entry);
    // A failed or superseded request must not be handed to the next caller.
    entry.answer.then(
      (value) => (entry.value = value),
      () => this.#entries.get(key) === entry && this.#entries.delete(key),
    );
    return entry.answer;
  }

  forget(keyPrefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(keyPrefix)) this.#entries.delete(key);
  }
}
