/**
 * The evolution check shared by `eventloom evolution` and the editor: the model now against the
 * model files as they were at an earlier commit (read by the caller), in findings.
 */
import { EmptyFileSystem } from 'langium';
import { createEventloomCoreServices } from '../../language/eventloom-module.js';
import type { Model } from '../../language/generated/ast.js';
import { buildDocuments, type SourceFile } from '../../language/workspace/load-documents.js';
import { compareStoredShapes, type EvolutionFinding } from './compare-stored-shapes.js';
import { declaredUpcasts } from './declared-upcasts.js';
import { storedShapesOf, type EventShape } from './stored-shape.js';

/** The stored shapes of an earlier model: parsed and linked in services of its own, never validated (its mistakes are history). */
export async function earlierShapes(sources: readonly SourceFile[]): Promise<EventShape[]> {
    const { shared } = createEventloomCoreServices(EmptyFileSystem);
    const documents = await buildDocuments(shared, sources, { validate: false });
    return storedShapesOf(documents.map(document => document.parseResult.value), declaredUpcasts);
}

export function evolutionFindings(earlier: readonly EventShape[], current: readonly Model[], ref: string): EvolutionFinding[] {
    return compareStoredShapes(earlier, storedShapesOf(current, declaredUpcasts), ref);
}
