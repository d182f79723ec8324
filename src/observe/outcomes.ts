/** What the engine said about one request, for that request's access-log line. */
export interface Outcome {
  /** An engine error code, or the change's result (changed, unchanged, ok). */
  outcome: string;
  /** The caller as far as the request named one: an access key id, a session kind, 'cli'. */
  caller?: string;
}

/** Requests answered but not yet logged; a request whose line never comes is forgotten past this many. */
const MAX_OPEN = 10_000;

/**
 * Outcomes by request id, from the engine's calls to the access log. The doors pass the request
 * id into every change and refusal, so the log learns a door's in-band refusal (asmx answers
 * 200 with success="false") without any door telling it.
 */
export class OutcomeBook {
  private readonly open = new Map<string, Outcome>();

  note(requestId: string, outcome: Outcome): void {
    if (this.open.size >= MAX_OPEN) {
      const oldest = this.open.keys().next();
      if (!oldest.done) this.open.delete(oldest.value);
    }
    this.open.set(requestId, outcome);
  }

  /** The outcome noted for this request, forgotten as it is read. */
  take(requestId: string): Outcome | undefined {
    const outcome = this.open.get(requestId);
    if (outcome) this.open.delete(requestId);
    return outcome;
  }
}
