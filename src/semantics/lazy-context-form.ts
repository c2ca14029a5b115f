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
import { LazyMap } from './lazy-map.js';

type Entry<V> = readonly [QualifiedName, () => V];

interface ContextEntries {
    readonly aggregates: Entry<AggregateForm>[];
    readonly commands: Entry<CommandForm>[];
    readonly events: Entry<EventForm>[];
    readonly readModels: Entry<ReadModelForm>[];
}

export class LazyContextForm implements ContextForm {
    private readonly elements: readonly Element[];
    private readonly pieces = new Map<AstNode, unknown>();
    private readonly commandBuilders = new Map<Aggregate, (command: Command) => CommandForm>();
    private lists: {
        enums?: readonly EnumForm[]; valueTypes?: readonly ValueTypeForm[]; aggregates?: readonly AggregateForm[];
        readModels?: readonly ReadModelForm[]; policies?: readonly PolicyForm[]; scenarios?: readonly ScenarioForm[];
    } = {};
    private elementSet: ReadonlySet<AstNode> | undefined;
    private entryLists: ContextEntries | undefined;

    constructor(readonly name: string, files: readonly Model[]) {
        this.elements = files.flatMap(model => model.elements);
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
        this.elementSet ??= new Set(this.elements);
        return this.elementSet.has(node) ? this.piece(node, scenarioForm) : undefined;
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
     * Errors and policies are listed apart (`errorEntries`, `policyEntries`): a scenario run looks none up.
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
                found.aggregates.push([qualifiedName(context, element.name), () => this.aggregate(element)]);
                for (const member of element.members) {
                    if (member.$type === 'Command') found.commands.push([qualifiedName(context, member.name), () => this.command(element, member)]);
                    else if (member.$type === 'Event') found.events.push([qualifiedName(context, member.name), () => this.event(element, member)]);
                }
            } else if (element.$type === 'ReadModel') {
                found.readModels.push([qualifiedName(context, element.name), () => this.readModel(element)]);
            }
        }
        return found;
    }

    errorEntries(): Entry<ErrorForm>[] {
        return this.elements.filter(isAggregate).flatMap(aggregate => {
            const context = contextNameOf(aggregate);
            return errorsOf(aggregate).map((error): Entry<ErrorForm> => [qualifiedName(context, error.name), () => this.error(error)]);
        });
    }

    policyEntries(): Entry<PolicyForm>[] {
        return this.elements.filter(isPolicy).map((policy): Entry<PolicyForm> => [qualifiedName(contextNameOf(policy), policy.name), () => this.policy(policy)]);
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
    const entries = contexts.map(context => context.entries());
    let valueTypes: ReadonlyMap<QualifiedName, ValueTypeForm> | undefined;
    let enums: ReadonlyMap<QualifiedName, EnumForm> | undefined;
    let errors: ReadonlyMap<QualifiedName, ErrorForm> | undefined;
    let policies: ReadonlyMap<QualifiedName, PolicyForm> | undefined;
    return {
        contexts,
        aggregates: new LazyMap(entries.flatMap(found => found.aggregates)),
        commands: new LazyMap(entries.flatMap(found => found.commands)),
        events: new LazyMap(entries.flatMap(found => found.events)),
        readModels: new LazyMap(entries.flatMap(found => found.readModels)),
        get errors() {
            return errors ??= new LazyMap(contexts.flatMap(context => context.errorEntries()));
        },
        get policies() {
            return policies ??= new LazyMap(contexts.flatMap(context => context.policyEntries()));
        },
        get valueTypes() {
            return valueTypes ??= byName(contexts.flatMap(context => context.valueTypes));
        },
        get enums() {
            return enums ??= byName(contexts.flatMap(context => context.enums));
        }
    };
}
