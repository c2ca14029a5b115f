/**
 * Which events something handles downstream — a read model's or a policy's `on`, in any file and
 * any context — by the handled event's qualified name. Kept per document and replaced when that
 * document's references are re-indexed, so a question is a map lookup, never a workspace scan.
 *
 * The entries are as current as the documents' links: during the first pass of an edit (see
 * eventloom-document-builder.ts) the dependents are not re-linked yet, which is why the check
 * using this index runs in the 'slow' category, on full builds only.
 */
import { DocumentState, type AstNode, type LangiumDocument, type LangiumSharedCoreServices, type Reference } from 'langium';
import type { LinkEpochs } from '../linking/link-epochs.js';
import { isPolicy, isReadModel, type Event, type Model } from '../generated/ast.js';
import { contextNameOf, handledEventReferences } from '../model-queries.js';
import { qualifiedName } from '../scoping/qualified-names.js';

export class EventHandlerIndex {
    /** Document URI -> qualified names of the events its read models and policies handle. */
    private readonly handledByDocument = new Map<string, string[]>();

    /** Qualified event name -> how many `on` references handle it, workspace-wide. */
    private readonly handlers = new Map<string, number>();

    /**
     * A read model's or policy's handled events, kept while its references are those of the same
     * linking (LinkEpochs: a declaration whose links were kept keeps its stamp, and its targets
     * are the same nodes): after a keystroke only the re-linked declarations are read again.
     */
    private readonly handledByDeclaration = new WeakMap<AstNode, { linkedAt: number; handled: readonly string[] }>();

    constructor(shared: LangiumSharedCoreServices, private readonly epochs: LinkEpochs) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.IndexedReferences, document => this.replace(document));
        builder.onUpdate((_changed, deleted) => {
            for (const uri of deleted) this.remove(uri.toString());
        });
    }

    /** True when a read model or a policy somewhere handles this event. */
    isHandled(event: Event): boolean {
        return (this.handlers.get(qualifiedName(contextNameOf(event), event.name)) ?? 0) > 0;
    }

    private replace(document: LangiumDocument): void {
        const key = document.uri.toString();
        this.remove(key);
        const handled: string[] = [];
        // Read models and policies are top-level elements.
        for (const node of (document.parseResult.value as Model).elements ?? []) {
            if (!isReadModel(node) && !isPolicy(node)) continue;
            const linkedAt = this.epochs.linkedAt(node);
            const known = this.handledByDeclaration.get(node);
            if (known && linkedAt !== undefined && known.linkedAt === linkedAt) {
                for (const name of known.handled) handled.push(name);
                continue;
            }
            const own: string[] = [];
            const references: Array<Reference<Event>> = isReadModel(node) ? handledEventReferences(node) : node.triggers;
            for (const reference of references) {
                const event = reference.ref;
                if (event) own.push(qualifiedName(contextNameOf(event), event.name));
            }
            if (linkedAt !== undefined) this.handledByDeclaration.set(node, { linkedAt, handled: own });
            for (const name of own) handled.push(name);
        }
        for (const name of handled) this.handlers.set(name, (this.handlers.get(name) ?? 0) + 1);
        this.handledByDocument.set(key, handled);
    }

    private remove(key: string): void {
        for (const name of this.handledByDocument.get(key) ?? []) {
            const count = (this.handlers.get(name) ?? 0) - 1;
            if (count > 0) this.handlers.set(name, count); else this.handlers.delete(name);
        }
        this.handledByDocument.delete(key);
    }
}
