/**
 * What a decision needs from outside the model: the stream it decides for, the time and fresh
 * ids. Injected, so that tests, scenarios and replays are deterministic.
 */
export interface RunContext {
    /** The id of the stream the command is decided for (the aggregate's `id`). */
    readonly streamId: string;
    /** `now`: an ISO-8601 timestamp. */
    readonly now: string;
    /** `newId`: the next fresh uuid; each call draws another. */
    readonly newId: () => string;
}
