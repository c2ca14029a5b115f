/**
 * A context's rules form built piece by piece, as its readers ask for them, and the model form of
 * such contexts with lookups that build only what is looked up. A scenario run reads its scenario,
 * the aggregates of its command and given events (their state and evolve, and only the commands
 * it looks up) and the read models it expects: never a policy, nor the other aggregates' and read
 * models' forms. Building every construct of every context was most of what the scenario check
 * added to `eventloom validate`.
 *
 * Each piece comes from the same builder as in `buildContextForm`, from the same AST, once: a piece
 * read here equals the eagerly built one, and a list (`aggregates`, ...) holds the same pieces in the
 * same order. A lookup by qualified name finds what `indexContexts` finds: the last declaration of
 * that name, contexts in the order given, declarations in file order.
 */
import type { AstNode, Reference } from 'langium';
import {
    isAggregate, isEnum, isPolicy, isReadModel, isScenario, isValueType,
    type Aggregate, type Command, type DomainError, type Element, type Event, type Model, type Policy, type ReadModel, type Scenario
} from '../language/generated/ast.js';
import { heldByContainer } from '../language/ast-walk.js';
import { commandsOf, contextNameOf, errorsOf, eventsOf } from '../language/model-queries.js';
import { enumForm, valueTypeForm } from './build-form.js';
import { aggregateEvolveForm, aggregateHeadForm, aggregateUpcastForms, commandFormsIn, errorForm, eventFormIn } from './build/build-aggregate.js';
import { policyForm, readModelForm } from './build/build-read-side.js';
import { scenarioForm } from './build/build-scenario.js';
import {
    byName, qualifiedName,
    type AggregateForm, type CommandForm, type ContextForm, type EnumForm, type ErrorForm, type EventForm, type ModelForm, type PolicyForm,
    type QualifiedName, type ReadModelForm, type ScenarioForm, type ValueTypeForm
} from './form.js';
import { LazyMap, type LazySegment } from './lazy-map.js';

/** A declaration a lookup by qualified name may find: its name and node (and a command's or event's aggregate). */
type Entry<N extends AstNode> = readonly [QualifiedName, N];
type MemberEntry<N extends AstNode> = readonly [QualifiedName, { readonly node: N; readonly aggregate: Aggregate }];

interface ContextEntries {
    readonly aggregates: Entry<Aggregate>[];
    readonly commands: MemberEntry<Command>[];
    readonly events: MemberEntry<Event>[];
    readonly readModels: Entry<ReadModel>[];
}

/**
 * The entries of one top-level declaration, kept for as long as its node lives in the same context:
 * a node's names are its text, which changes only with a new node. After a keystroke the edited
 * context's form is built and indexed again; its entries are the kept ones but for the declarations
 * the keystroke re-parsed.
 */
interface ElementEntries<N extends Aggregate | ReadModel> {
    readonly context: string;
    readonly own: Entry<N>;
    readonly commands: readonly MemberEntry<Command>[];
    readonly events: readonly MemberEntry<Event>[];
}

const elementEntries = new WeakMap<Element, ElementEntries<Aggregate | ReadModel>>();

function entriesOf<N extends Aggregate | ReadModel>(context: string, element: N): ElementEntries<N> {
    const kept = elementEntries.get(element) as ElementEntries<N> | undefined;
    if (kept?.context === context) return kept;
    const commands: MemberEntry<Command>[] = [];
    const events: MemberEntry<Event>[] = [];
    if (element.$type === 'Aggregate') {
        for (const member of element.members) {
            if (member.$type === 'Command') commands.push([qualifiedName(context, member.name), { node: member, aggregate: element }]);
            else if (member.$type === 'Event') events.push([qualifiedName(context, member.name), { node: member, aggregate: element }]);
        }
    }
    const entries: ElementEntries<N> = { context, own: [qualifiedName(context, element.name), element], commands, events };
    elementEntries.set(element, entries);
    return entries;
}

export class LazyContextForm implements ContextForm {
    private readonly elements: readonly Element[];
    private readonly pieces = new Map<AstNode, unknown>();
    private readonly commandBuilders = new Map<Aggregate, (command: Command) => CommandForm>();
    private lists: {
        enums?: readonly EnumForm[]; valueTypes?: readonly ValueTypeForm[]; aggregates?: readonly AggregateForm[];
        readModels?: readonly ReadModelForm[]; policies?: readonly PolicyForm[]; scenarios?: readonly ScenarioForm[];
    } = {};
    private entryLists: ContextEntries | undefined;

    constructor(readonly name: string, private readonly files: readonly Model[]) {
        // A loop, not `flatMap`: the form of the edited context is built again after every keystroke.
        const elements: Element[] = [];
        for (const model of files) for (const element of model.elements) elements.push(element);
        this.elements = elements;
    }

    get enums(): readonly EnumForm[] {
        return this.lists.enums ??= this.elements.filter(isEnum).map(enumForm);
    }

    get valueTypes(): readonly ValueTypeForm[] {
        return this.lists.valueTypes ??= this.elements.filter(isValueType).map(valueTypeForm);
    }

    get aggregates(): readonly AggregateForm[] {
        return this.lists.aggregates ??= this.elements.filter(isAggregate).map(node => this.aggregate(node));
    }

    get readModels(): readonly ReadModelForm[] {
        return this.lists.readModels ??= this.elements.filter(isReadModel).map(node => this.readModel(node));
    }

    get policies(): readonly PolicyForm[] {
        return this.lists.policies ??= this.elements.filter(isPolicy).map(node => this.policy(node));
    }

    get scenarios(): readonly ScenarioForm[] {
        return this.lists.scenarios ??= this.elements.filter(isScenario).map(node => this.piece(node, scenarioForm));
    }

    /** The form of one of this context's scenarios; undefined for a node that is not one of its elements. */
    scenarioOf(node: Scenario): ScenarioForm | undefined {
        // Held by one of its files' roots (no set of every element made per form: one is made per keystroke).
        return this.files.includes(node.$container) && heldByContainer(node) ? this.piece(node, scenarioForm) : undefined;
    }

    /**
     * The other contexts this context's read models, policies and scenarios name (their files can
     * change its form): every context a resolved reference of theirs leads to. As many as the built
     * form names, or more where a construct is left hand-written, so a changed file never goes unseen.
     */
    contextsRead(readBy: (element: Element) => readonly string[] = contextsReadBy): string[] {
        const names = new Set<string>();
        for (const element of this.elements) for (const name of readBy(element)) names.add(name);
        names.delete(this.name);
        return [...names];
    }

    /**
     * What a lookup by qualified name may find in this context, in file order, each piece built when it is read.
     * Errors and policies are listed apart (`errorSegment`, `policySegment`): a scenario run looks none up.
     */
    entries(): ContextEntries {
        // Listed once per form: a kept context's form is indexed again with each rebuilt context it is read with.
        if (this.entryLists) return this.entryLists;
        const found: ContextEntries = { aggregates: [], commands: [], events: [], readModels: [] };
        this.entryLists = found;
        // As `nameOf` names the built piece: its own file's context, which is this one (the files are grouped by it).
        // By `$type` (each is a concrete type): the reflection's checks, inlined for every element, made this
        // loop the costliest function the engine optimised in a cold `eventloom validate` of a modelled model.
        const context = this.name;
        for (const element of this.elements) {
            if (element.$type === 'Aggregate') {
                const kept = entriesOf(context, element);
                found.aggregates.push(kept.own);
                for (const entry of kept.commands) found.commands.push(entry);
                for (const entry of kept.events) found.events.push(entry);
            } else if (element.$type === 'ReadModel') {
                found.readModels.push(entriesOf(context, element).own);
            }
        }
        return found;
    }

    /** The lookups of `entries()`, each building its piece in this form. */
    aggregateSegment(): LazySegment<QualifiedName, Aggregate, AggregateForm> {
        return { entries: this.entries().aggregates, make: node => this.aggregate(node) };
    }

    commandSegment(): LazySegment<QualifiedName, MemberEntry<Command>[1], CommandForm> {
        return { entries: this.entries().commands, make: ({ node, aggregate }) => this.command(aggregate, node) };
    }

    eventSegment(): LazySegment<QualifiedName, MemberEntry<Event>[1], EventForm> {
        return { entries: this.entries().events, make: ({ node, aggregate }) => this.event(aggregate, node) };
    }

    readModelSegment(): LazySegment<QualifiedName, ReadModel, ReadModelForm> {
        return { entries: this.entries().readModels, make: node => this.readModel(node) };
    }

    /** Errors and policies, listed when first looked up (a scenario run looks none up). */
    errorSegment(): LazySegment<QualifiedName, DomainError, ErrorForm> {
        const entries = this.elements.filter(isAggregate).flatMap(aggregate => {
            const context = contextNameOf(aggregate);
            return errorsOf(aggregate).map(error => [qualifiedName(context, error.name), error] as const);
        });
        return { entries, make: node => this.error(node) };
    }

    policySegment(): LazySegment<QualifiedName, Policy, PolicyForm> {
        const entries = this.elements.filter(isPolicy).map(policy => [qualifiedName(contextNameOf(policy), policy.name), policy] as const);
        return { entries, make: node => this.policy(node) };
    }

    /**
     * An aggregate's form whose parts are built as they are read: a run reads its state and evolve,
     * and of its commands, events and errors only the ones it looks up (by name, through `entries`).
     * Those are the same pieces as in its lists here, so a lookup and a list agree.
     */
    private aggregate(node: Aggregate): AggregateForm {
        return this.piece(node, aggregate => {
            let commands: readonly CommandForm[] | undefined;
            let events: readonly EventForm[] | undefined;
            let errors: readonly ErrorForm[] | undefined;
            let evolve: ReturnType<typeof aggregateEvolveForm> | undefined;
            let upcasts: AggregateForm['upcasts'] | undefined;
            const evolveForm = () => evolve ??= aggregateEvolveForm(aggregate);
            const commandForms = () => commandsOf(aggregate).map(command => this.command(aggregate, command));
            const eventForms = () => eventsOf(aggregate).map(event => this.event(aggregate, event));
            const errorForms = () => errorsOf(aggregate).map(error => this.error(error));
            return {
                ...aggregateHeadForm(aggregate),
                get commands() { return commands ??= commandForms(); },
                get events() { return events ??= eventForms(); },
                get errors() { return errors ??= errorForms(); },
                get evolve() { return evolveForm().evolve; },
                get evolveModelled() { return evolveForm().evolveModelled; },
                get evolveHandWrittenBecause() { return evolveForm().evolveHandWrittenBecause; },
                get upcasts() { return upcasts ??= aggregateUpcastForms(aggregate); }
            };
        });
    }

    private command(aggregate: Aggregate, node: Command): CommandForm {
        return this.piece(node, command => {
            let build = this.commandBuilders.get(aggregate);
            if (!build) {
                build = commandFormsIn(aggregate);
                this.commandBuilders.set(aggregate, build);
            }
            return build(command);
        });
    }

    private event(aggregate: Aggregate, node: Event): EventForm {
        return this.piece(node, event => eventFormIn(aggregate, event));
    }

    private error(node: DomainError): ErrorForm {
        return this.piece(node, errorForm);
    }

    private readModel(node: ReadModel): ReadModelForm {
        return this.piece(node, readModelForm);
    }

    private policy(node: Policy): PolicyForm {
        return this.piece(node, policyForm);
    }

    private piece<N extends AstNode, F>(node: N, build: (node: N) => F): F {
        if (this.pieces.has(node)) return this.pieces.get(node) as F;
        const form = build(node);
        this.pieces.set(node, form);
        return form;
    }
}

/** The contexts one element's references lead to (its own included), as `contextsRead` counts them. */
export function contextsReadBy(element: Element): string[] {
    const names = new Set<string>();
    const add = (reference: Reference | undefined) => {
        const target = reference?.ref;
        if (target) names.add(contextNameOf(target));
    };
    if (isReadModel(element)) {
        for (const handler of element.handlers) handler.events.forEach(add);
    } else if (isPolicy(element)) {
        element.triggers.forEach(add);
        for (const issued of element.issues) add(issued.command);
    } else if (isScenario(element)) {
        for (const given of element.given) add(given.event);
        for (const expectation of element.expectations) add(expectation.readModel);
        add(element.when?.command);
    }
    return [...names];
}

/**
 * The model form of these contexts, its lookups building only what they are asked for. Those of
 * value types and enums (small, and built whole) are made on first use.
 */
export function indexLazily(contexts: readonly LazyContextForm[]): ModelForm {
    let valueTypes: ReadonlyMap<QualifiedName, ValueTypeForm> | undefined;
    let enums: ReadonlyMap<QualifiedName, EnumForm> | undefined;
    let errors: ReadonlyMap<QualifiedName, ErrorForm> | undefined;
    let policies: ReadonlyMap<QualifiedName, PolicyForm> | undefined;
    return {
        contexts,
        aggregates: new LazyMap(contexts.map(context => context.aggregateSegment())),
        commands: new LazyMap(contexts.map(context => context.commandSegment())),
        events: new LazyMap(contexts.map(context => context.eventSegment())),
        readModels: new LazyMap(contexts.map(context => context.readModelSegment())),
        get errors() {
            return errors ??= new LazyMap(contexts.map(context => context.errorSegment()));
        },
        get policies() {
            return policies ??= new LazyMap(contexts.map(context => context.policySegment()));
        },
        get valueTypes() {
            return valueTypes ??= byName(contexts.flatMap(context => context.valueTypes));
        },
        get enums() {
            return enums ??= byName(contexts.flatMap(context => context.enums));
        }
    };
}
