/**
 * The pause before an edit's second pass (see eventloom-document-builder.ts): the documents that
 * refer into the edited one are re-linked and re-validated once the user stops typing, not after
 * every keystroke, so completion and hover right after a keystroke do not share the CPU with them,
 * and a burst of keystrokes re-builds them once. A newer write (the next keystroke) cancels the
 * waiting update; its own update takes the dependents along (they are still below Validated).
 *
 * Whatever needs the dependents built ends the pause at once and keeps the next one from starting
 * until it has them (`hold`): a request about a dependent document, a wait for a workspace-wide
 * state (find references, rename), a custom request reading the validated workspace, a hover that
 * lists who uses a declaration.
 */
import { OperationCancelled, type Cancellation } from 'langium';

export class DependentsPause {
    /** How long the user has paused when the dependents are built; 0 (the CLI, tests): at once. */
    delayMs = 0;
    /** How many waiters need the dependents now. */
    private holds = 0;
    /** Ends the pause under way, if any. */
    private endWaiting: (() => void) | undefined;

    get enabled(): boolean {
        return this.delayMs > 0;
    }

    /** Resolves after `delayMs` or when something needs the dependents; rejects when the update is cancelled. */
    wait(cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (!this.enabled || this.holds > 0) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise<void>((resolve, reject) => {
            const finish = (settle: () => void) => {
                clearTimeout(timer);
                cancelled.dispose();
                this.endWaiting = undefined;
                settle();
            };
            const timer = setTimeout(() => finish(resolve), this.delayMs);
            // A pause never keeps a process alive (a server shutting down, a test run ending).
            timer.unref?.();
            const cancelled = cancelToken.onCancellationRequested(() => finish(() => reject(OperationCancelled)));
            this.endWaiting = () => finish(resolve);
        });
    }

    /** Ends the pause under way and keeps any from starting until the returned function is called. */
    hold(): () => void {
        this.holds++;
        this.endWaiting?.();
        let released = false;
        return () => {
            if (released) return;
            released = true;
            this.holds--;
        };
    }
}
