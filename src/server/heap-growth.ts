/**
 * How far V8 lets the server's heap grow before it collects the old generation again. V8 sets
 * the next limit at up to 4× what survived the last full collection, the factor depending on how
 * fast collecting is against allocating. The server keeps ~70 MB alive (the workspace's ASTs and
 * indexes), and every keystroke replaces a declaration's AST and re-links its dependents: that
 * garbage survives a young-generation collection or two while the update runs, so it ends up in
 * the old generation, where it stays until the next full collection. With the dynamic factor the
 * process grew from ~175 MB after the workspace build to 300–390 MB after the bench's 45 edits,
 * with the live heap unchanged. A fixed factor of 2 makes the full collections come twice as
 * often in the heap's terms and caps the growth (measured: see test/bench/README.md, issue 16,
 * session 5); it costs some CPU in collections.
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation's limit after a full collection: (1 + HEAP_GROWING_PERCENT / 100) × what survived. */
export const HEAP_GROWING_PERCENT = 100;

/** Called first thing in the server: V8 reads the factor after each full collection, so setting it at run time takes effect. */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
    if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
