/**
 * The workspace's declarations of one reference type, looked up by qualified name in the
 * DeclarationIndex, which is kept up to date per re-indexed document. Langium's default global
 * scope is rebuilt from every exported symbol of the workspace after each change, for every
 * reference type: work proportional to the workspace on every keystroke. Listing all elements
 * (completion, "did you mean") stays a lazy stream over the index.
 */
import { stream, type AstNodeDescription, type AstReflection, type IndexManager, type Scope, type Stream } from 'langium';
import type { DeclarationIndex } from '../workspace/declaration-index.js';

export class IndexedGlobalScope implements Scope {

    constructor(
        private readonly referenceType: string,
        private readonly declarations: DeclarationIndex,
        private readonly indexManager: IndexManager,
        private readonly reflection: AstReflection
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.declarations.declarationsNamed(name).find(description => this.isOfType(description));
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.declarations.declarationsNamed(name)).filter(description => this.isOfType(description));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.indexManager.allElements(this.referenceType);
    }

    private isOfType(description: AstNodeDescription): boolean {
        return this.reflection.isSubtype(description.type, this.referenceType);
    }
}
