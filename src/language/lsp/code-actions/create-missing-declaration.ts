/**
 * From an unresolved name, declare what it should refer to, in the right place and shape:
 * `emits X` in a command of aggregate A -> `event X {}` in A; `rejects E` -> `error E` in A;
 * `issues C` in a policy -> `command C { emits <C in the past tense> }` plus that event; a scenario's
 * `then X` -> the event, also added to the `when` command's `emits` (and `rejected E` to its
 * `rejects`), so the fixed model validates. Where the aggregate is not implied (a read model's or
 * policy's `on`), one fix per aggregate of the file; for `on Other.Event`, one per aggregate of
 * that context. A field an `on` block assigns is declared in the state or the read model.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import {
    isAggregate, isCommandData, isEventData, isFieldAssignment, isPolicy, isReadModel, isScenario, isTypeReference,
    type Aggregate, type Command, type Model
} from '../../generated/ast.js';
import { aggregateOf, emittedEventReferences, modelOf } from '../../model-queries.js';
import { splitQualifiedName } from '../../scoping/qualified-names.js';
import { addEdit, addMembers, type Changes, type NewMember } from './aggregate-members.js';
import { appendToBody, insertAfter } from './block-insertion.js';
import type { CodeActionServices } from './eventloom-code-action-provider.js';
import { pastTenseEventName } from './past-tense-event-name.js';
import { newEventName, nodeAt } from './structure-fixes.js';
import { declarationUse } from '../clause-owner.js';
import { declareAssignedField } from './declare-assigned-field.js';

const IDENTIFIER = /^[_a-zA-Z]\w*$/;

interface LinkingErrorData { containerType?: string; property?: string; refText?: string }

export function createMissingDeclaration(services: CodeActionServices, document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const { property: clauseProperty, refText } = diagnostic.data as LinkingErrorData;
    const clause = nodeAt(document, diagnostic);
    if (!refText || !clause) return [];
    const { node: container, property } = declarationUse(clause, clauseProperty ?? '');
    const qualified = splitQualifiedName(refText);
    if (qualified) {
        // `Other.Event`: another context's event, created in one of that context's aggregates.
        const consumesEvent = (isReadModel(container) && property === 'handles') || (isPolicy(container) && property === 'triggers');
        if (!consumesEvent || !IDENTIFIER.test(qualified.name)) return [];
        const fix = new Fixes(services, document, diagnostic, qualified.name);
        return aggregatesOfContext(services, qualified.context).map(aggregate => fix.inAggregate(aggregate, [eventMember(qualified.name)], undefined, qualified.context));
    }
    const name = refText;
    // A keyword-like or malformed name would not parse as a declaration name.
    if (!IDENTIFIER.test(name)) return [];
    const fix = new Fixes(services, document, diagnostic, name);

    if (container.$type === 'Command' && (property === 'emits' || property === 'rejects')) {
        const aggregate = aggregateOf(container);
        if (!aggregate) return [];
        return [fix.inAggregate(aggregate, [property === 'emits' ? eventMember(name) : errorMember(name)])];
    }
    if ((isReadModel(container) && property === 'handles') || (isPolicy(container) && property === 'triggers')) {
        return aggregatesOf(modelOf(container)).map(aggregate => fix.inAggregate(aggregate, [eventMember(name)]));
    }
    if (isPolicy(container) && property === 'issues') {
        return aggregatesOf(modelOf(container)).map(aggregate => fix.inAggregate(aggregate, fix.commandWithEvent(aggregate)));
    }
    if (isEventData(container) && isScenario(container.$container)) {
        const command = container.$container.when?.command?.ref;
        const aggregate = command && aggregateOf(command);
        if (!command || !aggregate) return [];
        const alsoEmit = container.$containerProperty === 'then';
        return [fix.inAggregate(aggregate, [eventMember(name)], changes => {
            if (alsoEmit) addToList(document, changes, command, 'emits', name);
        })];
    }
    if (isScenario(container) && property === 'rejection') {
        const command = container.when?.command?.ref;
        const aggregate = command && aggregateOf(command);
        if (!command || !aggregate) return [];
        return [fix.inAggregate(aggregate, [errorMember(name)], changes => addToList(document, changes, command, 'rejects', name))];
    }
    if (isCommandData(container)) {
        return aggregatesOf(modelOf(container)).map(aggregate => fix.inAggregate(aggregate, fix.commandWithEvent(aggregate)));
    }
    if (isTypeReference(container)) return [fix.valueType(modelOf(container))];
    if (isFieldAssignment(container) && property === 'field') return declareAssignedField(document, diagnostic, container, name);
    return [];
}

class Fixes {
    constructor(
        private readonly services: CodeActionServices,
        private readonly document: LangiumDocument,
        private readonly diagnostic: Diagnostic,
        private readonly name: string
    ) {}

    inAggregate(aggregate: Aggregate, members: NewMember[], more?: (changes: Changes) => void, otherContext?: string): CodeAction {
        const changes: Changes = {};
        addMembers(this.services.shared.workspace.LangiumDocuments, changes, aggregate, members);
        more?.(changes);
        const what = members.map(m => `${m.kind} ${m.text.split(/\s+/)[1]}`).join(' and ');
        return this.action(`Create ${what} in aggregate ${otherContext ? `${otherContext}.` : ''}${aggregate.name}`, changes);
    }

    /** A command must emit something: a new command comes with the event it records. */
    commandWithEvent(aggregate: Aggregate): NewMember[] {
        const event = newEventName(this.services, aggregate, pastTenseEventName(this.name));
        const command: NewMember = { kind: 'command', text: `command ${this.name} {\n  emits ${event.name}\n}` };
        return event.exists ? [command] : [command, eventMember(event.name)];
    }

    /** A value type, after the file's last enum or type (or its context line). */
    valueType(model: Model): CodeAction {
        const anchor = [...model.elements].reverse().find(e => e.$type === 'Enum' || e.$type === 'ValueType') ?? model.context;
        const changes: Changes = {};
        const text = `\ntype ${this.name} {\n}`;
        if (anchor) addEdit(changes, model, insertAfter(this.document, anchor, text));
        return this.action(`Create type ${this.name}`, changes);
    }

    private action(title: string, changes: Changes): CodeAction {
        return { title, kind: CodeActionKind.QuickFix, diagnostics: [this.diagnostic], isPreferred: true, edit: { changes } };
    }
}

function eventMember(name: string): NewMember {
    return { kind: 'event', text: `event ${name} {}` };
}

function errorMember(name: string): NewMember {
    return { kind: 'error', text: `error ${name}` };
}

function aggregatesOf(model: Model): Aggregate[] {
    return model.elements.filter(isAggregate);
}

/** The aggregates of every file of a context (a context may span several files). */
function aggregatesOfContext(services: CodeActionServices, contextName: string): Aggregate[] {
    return services.shared.workspace.LangiumDocuments.all
        .map(document => document.parseResult.value as Model)
        .filter(model => model.context?.name === contextName)
        .flatMap(aggregatesOf)
        .toArray();
}

/** `emits A` -> `emits A, B`; a command without the clause gets a new `emits B` line. */
function addToList(document: LangiumDocument, changes: Changes, command: Command, clause: 'emits' | 'rejects', name: string): void {
    const references = clause === 'emits' ? emittedEventReferences(command) : command.rejects;
    const last = references[references.length - 1]?.$refNode;
    const commandDocument = AstUtils.getDocument(command);
    if (last) {
        addEdit(changes, command, { range: { start: last.range.end, end: last.range.end }, newText: `, ${name}` });
    } else {
        addEdit(changes, command, appendToBody(commandDocument === document ? document : commandDocument, command, `${clause} ${name}`));
    }
}
