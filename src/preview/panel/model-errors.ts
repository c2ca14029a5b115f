/** How the preview and the export commands say that the model has errors: `2 errors (first at ordering.loom:12)`. */
import { countOf } from '../../language/wording.js';
import type { FlowGraphResult } from '../../protocol/flow-graph-request.js';

export function modelErrorsOf(result: Pick<FlowGraphResult, 'errorCount' | 'firstError'>): string {
    return `${countOf(result.errorCount, 'error')}${result.firstError ? ` (first at ${result.firstError})` : ''}`;
}
