/**
 * The scope a reference sees: a simple name resolves inside the reference's own context, a
 * qualified `Context.Name` reaches another context. Completion offers the own context's names
 * unqualified and other contexts' events qualified (the only thing one context may consume from
 * another); whether a qualified target is allowed is the validator's call, so that the error can
 * say why rather than "unresolved".
 */
import { stream, type AstNodeDescription, type Scope, type Stream } from 'langium';
import { qualifiedName, splitQualifiedName } from './qualified-names.js';

export class ContextScope implements Scope {

    constructor(
        private readonly contextName: string,
        private readonly workspace: Scope,
        private readonly crossContextTypes: ReadonlySet<string>
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.workspace.getElement(this.globalName(name));
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.workspace.getElements(this.globalName(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        const prefix = `${this.contextName}.`;
        return stream(this.workspace.getAllElements())
            .map(description => {
                if (description.name.startsWith(prefix)) {
                    return renamed(description, description.name.slice(prefix.length));
                }
                return this.crossContextTypes.has(description.type) ? description : undefined;
            })
            .nonNullable();
    }

    private globalName(name: string): string {
        return splitQualifiedName(name) ? name : qualifiedName(this.contextName, name);
    }
}

/**
 * The description under another name. Not a spread: the workspace's descriptions compute their
 * path and ranges on demand (live-node-descriptions.ts), and copying them evaluates every getter —
 * for the closest-name suggestion of an unresolved name, that was every name of the context's
 * ranges found in the CST (~50 ms of a 20k-line file's first declaration-name edit).
 */
export function renamed(description: AstNodeDescription, name: string): AstNodeDescription {
    return {
        node: description.node,
        name,
        type: description.type,
        documentUri: description.documentUri,
        get path() {
            return description.path;
        },
        get nameSegment() {
            return description.nameSegment;
        },
        get selectionSegment() {
            return description.selectionSegment;
        }
    };
}
