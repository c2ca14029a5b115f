/**
 * Completion and hover answer while the server is still building: Langium runs them between
 * the steps of a build (validation yields after each node, linking after each reference, once
 * the interruption period has passed). A request that arrives mid-build waits for the step
 * running and, since the build's next turn was queued before the request was read, for one
 * more: with Langium's 10 ms period that is ~20 ms of CPU (×2–3 in wall time on a loaded
 * machine) added to a 5 ms completion. A shorter period keeps that wait small; the cost is one
 * extra turn of the event loop per period (a few microseconds each).
 *
 * The first completion of a session also built Langium's completion parser (chevrotain's
 * grammar analysis, ~100 ms) and compiled its code paths: that is done once the workspace is
 * first validated, while the user reads the diagnostics, instead of in the first request.
 *
 * The documents that refer into an edited one are re-linked and re-validated once the user
 * pauses (DEPENDENTS_PAUSE_MS without a keystroke; see dependents-pause.ts), so completion and
 * hover while typing do not wait for that second pass at all. Document highlights (which the
 * editor asks for whenever the cursor moves, so after every keystroke) mark occurrences in their
 * own document only: they wait for that document's references, not for the whole workspace's —
 * which would end the pause after every keystroke.
 */
import { DocumentState, setInterruptionPeriod, type LangiumSharedCoreServices } from 'langium';
import { addDocumentHighlightHandler, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import { EventloomDocumentBuilder } from '../language/workspace/eventloom-document-builder.js';

/** How long a build runs before it lets waiting requests in (Langium's default: 10 ms). */
export const BUILD_TURN_MS = 3;

/**
 * How long without a keystroke counts as a pause: longer than the gap between two keystrokes of
 * steady typing, short enough that the other files' diagnostics follow soon after.
 */
export const DEPENDENTS_PAUSE_MS = 300;

/** A declaration cut off where completion is asked for: what the completion parser sees. */
const WARM_UP_TEXT = 'context WarmUp\naggregate Account {\n  command Open {\n    emits Op';

export function keepRequestsResponsive(shared: LangiumSharedCoreServices, services: LangiumServices, dependentsPauseMs = DEPENDENTS_PAUSE_MS): void {
    setInterruptionPeriod(BUILD_TURN_MS);
    const builder = shared.workspace.DocumentBuilder;
    if (builder instanceof EventloomDocumentBuilder) builder.dependentsPause.delayMs = dependentsPauseMs;
    const firstBuild = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        firstBuild.dispose();
        setTimeout(() => {
            try {
                services.parser.CompletionParser.parse(WARM_UP_TEXT);
            } catch {
                // Only a head start: the first completion builds the parser again and reports what fails.
            }
        }, 0).unref();
    });
}

/** Called after Langium registered its handlers: replaces its document-highlight handler (see above). */
export function highlightWithinTheDocument(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (connection) addDocumentHighlightHandler(connection, shared, DocumentState.IndexedReferences);
}
