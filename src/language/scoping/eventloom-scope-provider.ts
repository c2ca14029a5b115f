/**
 * Scopes: declarations through the context scope; field names in object literals from the event,
 * command or value type the literal describes; enum members from the enum the literal must be.
 */
import {
    DefaultScopeProvider, EMPTY_SCOPE, stream, WorkspaceCache, type AstNode, type LangiumCoreServices, type ReferenceInfo, type Scope, type ScopeOptions
} from 'langium';
import {
    Enum, Event, isEnumLiteral, isFieldAssignment, isFieldValue, isMapping, isMappingEntry, isMemberAccess, isNameExpression,
    isObjectLiteral, type Enum as EnumNode
} from '../generated/ast.js';
import { contextNameOf, enumOf, expectedTypeOf, fieldsExpectedBy } from '../model-queries.js';
import type { DeclarationIndex } from '../workspace/declaration-index.js';
import { ContextEnums, ExpressionNameScope } from './context-enums.js';
import { ContextScope } from './context-scope.js';
import { assignmentTargets, mappingFields, membersInScope, namesInScope } from './expression-scope.js';
import { IndexedGlobalScope } from './indexed-global-scope.js';
import { NodeScope } from './node-scope.js';

const CROSS_CONTEXT_TYPES: ReadonlySet<string> = new Set([Event.$type]);

export class EventloomScopeProvider extends DefaultScopeProvider {
    private readonly declarations: DeclarationIndex;
    /** Per context name, until the workspace changes: every expression of the context asks for them. */
    private readonly enumsByContext: WorkspaceCache<string, ContextEnums>;

    constructor(services: LangiumCoreServices & { workspace: { DeclarationIndex: DeclarationIndex } }) {
        super(services);
        this.declarations = services.workspace.DeclarationIndex;
        this.enumsByContext = new WorkspaceCache(services.shared);
    }

    /**
     * A node whose name did not parse (a partial AST) cannot be referred to: it is no candidate.
     * Without an outer scope, nodes are described only when asked for (see NodeScope).
     */
    protected override createScopeForNodes(elements: Iterable<AstNode>, outerScope?: Scope, options?: ScopeOptions): Scope {
        if (!outerScope && !options) return new NodeScope(elements, this.nameProvider, this.descriptions);
        return super.createScopeForNodes(stream(elements).filter(node => !!this.nameProvider.getName(node)), outerScope, options);
    }

    /** Looked up in the incrementally maintained declaration index (see IndexedGlobalScope). */
    protected override getGlobalScope(referenceType: string, _context?: ReferenceInfo): Scope {
        return new IndexedGlobalScope(referenceType, this.declarations, this.indexManager, this.reflection);
    }

    override getScope(context: ReferenceInfo): Scope {
        const container = context.container;
        // Names in behaviour expressions and mappings (DESIGN §2b): see expression-scope.ts.
        if (isNameExpression(container) && context.property === 'target') {
            const names = namesInScope(container);
            const enums = names.withEnums ? this.enumsOfContext(context) : undefined;
            return new ExpressionNameScope(names.first, enums, names.expectedEnum, this.nameProvider, this.descriptions);
        }
        if (isMemberAccess(container) && context.property === 'member') return this.createScopeForNodes(membersInScope(container));
        if (isMappingEntry(container) && context.property === 'field') {
            return isMapping(container.$container) ? this.createScopeForNodes(mappingFields(container.$container)) : EMPTY_SCOPE;
        }
        if (isFieldAssignment(container) && context.property === 'field') return this.createScopeForNodes(assignmentTargets(container));
        if (isFieldValue(container) && context.property === 'field') {
            return isObjectLiteral(container.$container)
                ? this.createScopeForNodes(fieldsExpectedBy(container.$container))
                : EMPTY_SCOPE;
        }
        if (isEnumLiteral(container)) {
            return this.createScopeForNodes(this.candidateEnums(context).flatMap(e => e.members));
        }
        const referenceType = this.reflection.getReferenceType(context);
        return new ContextScope(contextNameOf(container), this.getGlobalScope(referenceType, context), CROSS_CONTEXT_TYPES);
    }

    /** The enum the literal must belong to, or every enum of the context when that is unknown. */
    private candidateEnums(context: ReferenceInfo): readonly EnumNode[] {
        const literal = context.container;
        const expected = expectedTypeOf(literal);
        const expectedEnum = enumOf(expected);
        if (expectedEnum) return [expectedEnum];
        return this.enumsOfContext(context).enums;
    }

    /** The context's enums, indexed once per workspace state (see ContextEnums). */
    private enumsOfContext(context: ReferenceInfo): ContextEnums {
        return this.enumsByContext.get(contextNameOf(context.container), () => new ContextEnums(this.contextEnums(context)));
    }

    /** Every enum of the reference's own context. */
    private contextEnums(context: ReferenceInfo): EnumNode[] {
        const prefix = `${contextNameOf(context.container)}.`;
        return this.getGlobalScope(Enum.$type, context)
            .getAllElements()
            .filter(description => description.name.startsWith(prefix))
            .map(description => description.node)
            .filter((node): node is EnumNode => node !== undefined)
            .toArray();
    }
}
