/**
 * Model → Event Modeling board (lanes and slices, no geometry): the pure core behind the board
 * view, its SVG and the Mermaid `eventmodeling` export.
 *
 * Per context, the aggregates in declaration order; per aggregate, its commands in lifecycle order
 * (lifecycle-order.ts). A command with scenarios contributes one slice per scenario
 * (given events one column each, then the command, then the outcome and the read models it
 * updates); a command without one contributes a single slice: the events that trigger the
 * policies issuing it, those policies, the command, the events it emits, the read models they
 * update. Scenarios without a command (projection scenarios) follow their aggregate's commands.
 * What no slice showed — an event no command emits, a read model only of other contexts' events —
 * closes the context's time line, so every declaration is somewhere on the board.
 */
import type { AstNode } from 'langium';
import {
    isAggregate, isPolicy, isReadModel, isScenario,
    type Aggregate, type Command, type DomainError, type Event, type Model, type Policy, type ReadModel, type Scenario
} from '../../language/generated/ast.js';
import { commandsOf, contextNameOf, eventsOf } from '../../language/model-queries.js';
import { qualifiedName } from '../../language/scoping/qualified-names.js';
import type { FlowLocation } from '../../protocol/flow-graph.js';
import type { Board, BoardContext, BoardLane, BoardNote, BoardNoteKind, BoardSlice, BoardStep } from '../../protocol/board.js';
import { locationOf } from '../graph/declaration-details.js';
import { contextsReferenced, emittedEvents, issuedCommands, projectedEvents, scenarioAggregate, scenarioParts, triggeringEvents, type ScenarioParts } from './board-sources.js';
import { lifecycleOrder } from './lifecycle-order.js';
import type { ScenarioRunner } from './scenario-steps.js';

export interface BoardFilter {
    /** Only this context's lanes. */
    context?: string;
    /** Only this aggregate's slices and lane (`Context.Name`, or a simple name in any context). */
    aggregate?: string;
}

export interface BoardOptions {
    /** Runs each scenario in the interpreter, so that the board can step through it. */
    runner?: ScenarioRunner;
    /** Contexts' parts built for an earlier board, kept while nothing they show changed (kept-board-contexts.ts). */
    kept?: BoardContextStore;
}

/** Where the parts of earlier boards are kept: a context's part, and the contexts it was built from. */
export interface BoardContextStore {
    /** The context's part as built before, when none of the contexts it was built from changed since. */
    get(context: string): BoardContext | undefined;
    /** `reads`: the other contexts whose declarations the part shows or names. */
    keep(context: string, part: BoardContext, reads: ReadonlySet<string>): void;
}

export function buildBoard(models: readonly Model[], filter: BoardFilter = {}, options: BoardOptions = {}): Board {
    const declarations = collect(sortedByDocument(models));
    const contexts: BoardContext[] = [];
    for (const [name, context] of declarations.contexts) {
        if (filter.context !== undefined && filter.context !== name) continue;
        const built = options.kept?.get(name) ?? buildContext(name, context, declarations, options);
        const narrowed = filter.aggregate === undefined ? built : onlyAggregate(built, filter.aggregate);
        if (narrowed.slices.length > 0 || filter.aggregate === undefined) contexts.push(narrowed);
    }
    return { contexts };
}

function buildContext(name: string, context: ContextDeclarations, declarations: Declarations, options: BoardOptions): BoardContext {
    const built = new ContextBoardBuilder(name, context, declarations, options).build();
    options.kept?.keep(name, built, contextsReferenced(context));
    return built;
}

function onlyAggregate(context: BoardContext, aggregate: string): BoardContext {
    const matches = (name: string | undefined) => name !== undefined && (aggregate.includes('.') ? name === aggregate : name.endsWith(`.${aggregate}`));
    const slices = context.slices.filter(slice => matches(slice.aggregate));
    const usedLanes = new Set(slices.flatMap(slice => slice.notes.map(note => note.lane)));
    const lanes = context.lanes.filter(lane => lane.kind === 'automation' || lane.kind === 'commands' || usedLanes.has(lane.id));
    return { ...context, lanes, slices };
}

interface ContextDeclarations {
    aggregates: Aggregate[];
    policies: Policy[];
    readModels: ReadModel[];
    scenarios: Scenario[];
}

interface Declarations {
    contexts: Map<string, ContextDeclarations>;
    /** Read models per event they project, in declaration order. */
    readModelsOf: Map<Event, ReadModel[]>;
    /** Policies per command they issue. */
    policiesIssuing: Map<Command, Policy[]>;
    /** Each declaration's location, found once: an event is a note in many slices. */
    locationOf(declaration: AstNode): FlowLocation | undefined;
}

function collect(models: readonly Model[]): Declarations {
    const contexts = new Map<string, ContextDeclarations>();
    const readModelsOf = new Map<Event, ReadModel[]>();
    const policiesIssuing = new Map<Command, Policy[]>();
    for (const model of models) {
        const name = contextNameOf(model);
        let context = contexts.get(name);
        if (!context) contexts.set(name, context = { aggregates: [], policies: [], readModels: [], scenarios: [] });
        for (const element of model.elements) {
            if (isAggregate(element)) context.aggregates.push(element);
            else if (isPolicy(element)) {
                context.policies.push(element);
                for (const command of issuedCommands(element)) push(policiesIssuing, command, element);
            } else if (isReadModel(element)) {
                context.readModels.push(element);
                for (const event of projectedEvents(element)) push(readModelsOf, event, element);
            } else if (isScenario(element)) context.scenarios.push(element);
        }
    }
    const locations = new Map<AstNode, FlowLocation | undefined>();
    const cachedLocationOf = (declaration: AstNode) => {
        if (!locations.has(declaration)) locations.set(declaration, locationOf(declaration));
        return locations.get(declaration);
    };
    return { contexts, readModelsOf, policiesIssuing, locationOf: cachedLocationOf };
}

class ContextBoardBuilder {
    private readonly lanes = new Map<string, BoardLane>();
    private readonly slices: BoardSlice[] = [];
    private readonly shown = new Set<AstNode>();
    private readonly sliceIds = new Set<string>();

    constructor(private readonly name: string, private readonly context: ContextDeclarations, private readonly all: Declarations, private readonly options: BoardOptions) {}

    build(): BoardContext {
        this.lane('automation', `automation:${this.name}`, 'Automations');
        this.lane('commands', `commands:${this.name}`, 'Commands · read models');
        for (const aggregate of this.context.aggregates) this.lane('events', this.eventLaneId(aggregate), `${aggregate.name} events`, qualifiedName(this.name, aggregate.name));

        const scenarios = this.context.scenarios.map(scenario => ({ scenario, parts: scenarioParts(scenario) }));
        for (const aggregate of this.context.aggregates) {
            const own = scenarios.filter(({ parts }) => scenarioAggregate(parts) === aggregate);
            const commands = commandsOf(aggregate);
            const ordered = lifecycleOrder(
                commands.map(command => ({ name: command.name, emits: emittedEvents(command).map(event => event.name) })),
                eventsOf(aggregate).map(event => event.name),
                own.map(({ parts }) => ({ given: parts.given.map(e => e.name), then: parts.then.map(e => e.name), rejected: parts.rejection !== undefined, ...(parts.when ? { when: parts.when.name } : {}) }))
            ).map(entry => commands.find(command => command.name === entry.name)!);
            for (const command of ordered) {
                const covering = own.filter(({ parts }) => parts.when === command);
                if (!this.scenariosShowAll(command, covering.map(({ parts }) => parts))) this.commandSlice(command);
                for (const { scenario, parts } of covering) this.scenarioSlice(scenario, parts);
            }
            for (const { scenario, parts } of own.filter(({ parts }) => parts.when === undefined)) this.scenarioSlice(scenario, parts);
        }
        // Scenarios whose aggregate is unknown (unresolved references) still get their slice.
        for (const { scenario, parts } of scenarios.filter(({ parts }) => scenarioAggregate(parts) === undefined)) this.scenarioSlice(scenario, parts);
        this.unplacedSlice();

        // The external lane sits below the aggregates', and only when something is in it.
        const lanes = [...this.lanes.values()];
        return { name: this.name, lanes, slices: this.slices };
    }

    /**
     * A command's own slice is drawn unless its scenarios already show all it does: every event it
     * emits, and no policy issuing it (scenarios never show the automation).
     */
    private scenariosShowAll(command: Command, scenarios: readonly ScenarioParts[]): boolean {
        if (scenarios.length === 0 || this.policiesIssuing(command).length > 0) return false;
        const shown = new Set(scenarios.flatMap(parts => parts.then));
        return emittedEvents(command).every(event => shown.has(event));
    }

    /** The context's own policies that issue the command (a policy issues commands of its own context only). */
    private policiesIssuing(command: Command): Policy[] {
        return (this.all.policiesIssuing.get(command) ?? []).filter(policy => contextNameOf(policy) === this.name);
    }

    // ---- slices ------------------------------------------------------------------------------

    private commandSlice(command: Command): void {
        const slice = this.slice('command', `command:${qualifiedName(this.name, command.name)}`, command.name, command.$container);
        const policies = this.policiesIssuing(command);
        const triggers = unique(policies.flatMap(triggeringEvents));
        const triggerNotes = new Map(triggers.map(event => [event, slice.add(this.eventNote(event))]));
        if (triggers.length > 0) slice.nextColumn();
        const policyNotes = policies.map(policy => {
            const note = slice.add(this.note('policy', policy, `automation:${this.name}`));
            for (const event of triggeringEvents(policy)) slice.arrow(triggerNotes.get(event), note);
            return note;
        });
        if (policies.length > 0) slice.nextColumn();
        const commandNote = slice.add(this.note('command', command, `commands:${this.name}`));
        for (const note of policyNotes) slice.arrow(note, commandNote);
        slice.nextColumn();
        const emitted = emittedEvents(command);
        const eventNotes = new Map(emitted.map(event => {
            const note = slice.add(this.eventNote(event));
            slice.arrow(commandNote, note);
            return [event, note] as const;
        }));
        if (emitted.length > 0) slice.nextColumn();
        this.readModelsAfter(slice, eventNotes);
        this.finish(slice);
    }

    private scenarioSlice(scenario: Scenario, parts: ScenarioParts): void {
        const slice = this.slice('scenario', `scenario:${this.name}:${scenario.name}`, scenario.name, scenarioAggregate(parts));
        const steps: BoardStep[] = [];
        const givenNotes = new Map<Event, string>();
        for (const event of parts.given) {
            const note = slice.add(this.eventNote(event));
            givenNotes.set(event, note);
            steps.push({ kind: 'given', notes: [note] });
            slice.nextColumn();
        }
        let commandNote: string | undefined;
        if (parts.when) {
            commandNote = slice.add(this.note('command', parts.when, `commands:${this.name}`));
            steps.push({ kind: 'when', notes: [commandNote] });
            slice.nextColumn();
        }
        const outcome: string[] = [];
        const eventNotes = new Map<Event, string>();
        if (parts.rejection) outcome.push(slice.add(this.rejectionNote(parts.rejection)));
        for (const event of parts.then) {
            const note = slice.add(this.eventNote(event));
            eventNotes.set(event, note);
            outcome.push(note);
        }
        for (const note of outcome) slice.arrow(commandNote, note);
        if (outcome.length > 0) {
            steps.push({ kind: 'then', notes: outcome });
            slice.nextColumn();
        }
        // The read models the outcome updates, and those the scenario expects (fed by its given
        // events when it has no command).
        this.readModelsAfter(slice, eventNotes, parts.expected, parts.when ? undefined : givenNotes);
        slice.steps = steps;
        const location = locationOf(scenario);
        if (location) slice.location = location;
        const done = slice.done();
        const readModels = done.notes.filter(note => note.kind === 'readModel').map(note => qualifiedName(note.context, note.name));
        const run = this.options.runner?.runOf(scenario, steps, readModels);
        this.slices.push(run ? Object.assign(done, { run }) : done);
    }

    /** Whatever no slice showed: events no command emits, read models and policies left over. */
    private unplacedSlice(): void {
        const events = this.context.aggregates.flatMap(eventsOf).filter(event => !this.shown.has(event));
        const readModels = this.context.readModels.filter(readModel => !this.shown.has(readModel));
        const policies = this.context.policies.filter(policy => !this.shown.has(policy));
        if (events.length + readModels.length + policies.length === 0) return;
        const slice = this.slice('unplaced', `unplaced:${this.name}`, 'Not in any slice', undefined);
        const eventNotes = new Map<Event, string>();
        for (const event of events) eventNotes.set(event, slice.add(this.eventNote(event)));
        // A left-over read model's or policy's events come first, where they are not already shown.
        for (const event of unique([...readModels.flatMap(projectedEvents), ...policies.flatMap(triggeringEvents)])) {
            if (!eventNotes.has(event)) eventNotes.set(event, slice.add(this.eventNote(event)));
        }
        if (eventNotes.size > 0) slice.nextColumn();
        for (const readModel of readModels) {
            const note = slice.add(this.note('readModel', readModel, `commands:${this.name}`));
            for (const event of projectedEvents(readModel)) slice.arrow(eventNotes.get(event), note);
        }
        for (const policy of policies) {
            const note = slice.add(this.note('policy', policy, `automation:${this.name}`));
            for (const event of triggeringEvents(policy)) slice.arrow(eventNotes.get(event), note);
        }
        this.finish(slice);
    }

    /**
     * One column: the context's read models that project any of the events just shown, plus
     * `expected` ones; arrows from the events shown (or `sources`) each one projects.
     */
    private readModelsAfter(slice: SliceBuilder, eventNotes: ReadonlyMap<Event, string>, expected: readonly ReadModel[] = [], sources: ReadonlyMap<Event, string> = eventNotes): void {
        const readModels = unique([...[...eventNotes.keys()].flatMap(event => this.all.readModelsOf.get(event) ?? []), ...expected])
            .filter(readModel => contextNameOf(readModel) === this.name || expected.includes(readModel));
        for (const readModel of readModels) {
            const note = slice.add(this.note('readModel', readModel, `commands:${this.name}`));
            for (const event of projectedEvents(readModel)) slice.arrow(eventNotes.get(event) ?? sources.get(event), note);
        }
        if (readModels.length > 0) slice.nextColumn();
    }

    private slice(kind: BoardSlice['kind'], baseId: string, title: string, aggregate: Aggregate | undefined): SliceBuilder {
        let id = baseId;
        for (let n = 2; this.sliceIds.has(id); n++) id = `${baseId}#${n}`;
        this.sliceIds.add(id);
        return new SliceBuilder({
            id, kind, title, context: this.name,
            ...(aggregate ? { aggregate: qualifiedName(contextNameOf(aggregate), aggregate.name) } : {}),
            notes: [], arrows: [], columns: 0
        }, this.shown, this.all.locationOf);
    }

    private finish(slice: SliceBuilder): void {
        this.slices.push(slice.done());
    }

    // ---- notes and lanes ----------------------------------------------------------------------

    private eventNote(event: Event): PendingNote {
        const context = contextNameOf(event);
        if (context === this.name) return this.note('event', event, this.eventLaneId(event.$container));
        this.lane('external', `external:${this.name}`, 'From other contexts');
        return this.note('externalEvent', event, `external:${this.name}`);
    }

    private rejectionNote(error: DomainError): PendingNote {
        const owner = error.$container;
        return this.note('rejection', error, isAggregate(owner) ? this.eventLaneId(owner) : `commands:${this.name}`);
    }

    private note(kind: BoardNoteKind, declaration: AstNode & { name: string }, lane: string): PendingNote {
        const context = contextNameOf(declaration);
        return { kind, declaration, name: declaration.name, context, lane, declarationId: `${declarationKind(kind)}:${qualifiedName(context, declaration.name)}` };
    }

    private eventLaneId(aggregate: Aggregate): string {
        return `events:${qualifiedName(contextNameOf(aggregate), aggregate.name)}`;
    }

    private lane(kind: BoardLane['kind'], id: string, label: string, aggregate?: string): void {
        if (!this.lanes.has(id)) this.lanes.set(id, { id, kind, context: this.name, ...(aggregate ? { aggregate } : {}), label });
    }
}

interface PendingNote {
    kind: BoardNoteKind;
    declaration: AstNode;
    name: string;
    context: string;
    lane: string;
    declarationId: string;
}

/** Collects a slice's notes column by column. */
class SliceBuilder {
    private column = 0;
    private used = false;
    steps: BoardStep[] | undefined;
    location: BoardSlice['location'];

    constructor(private readonly slice: BoardSlice, private readonly shown: Set<AstNode>, private readonly locationOf: Declarations['locationOf']) {}

    add(pending: PendingNote): string {
        const id = `${this.slice.id}#${this.slice.notes.length}`;
        const location = this.locationOf(pending.declaration);
        const note: BoardNote = {
            id, kind: pending.kind, name: pending.name, context: pending.context, lane: pending.lane, column: this.column,
            declaration: pending.declarationId, ...(location ? { location } : {})
        };
        this.slice.notes.push(note);
        this.shown.add(pending.declaration);
        this.used = true;
        return id;
    }

    nextColumn(): void {
        if (!this.used) return;
        this.column++;
        this.used = false;
    }

    arrow(from: string | undefined, to: string | undefined): void {
        if (from !== undefined && to !== undefined) this.slice.arrows.push([from, to]);
    }

    done(): BoardSlice {
        this.nextColumn();
        // Object.assign rather than a spread followed by more properties, which is slow in V8.
        return Object.assign({}, this.slice, {
            columns: this.column, ...(this.steps ? { steps: this.steps } : {}), ...(this.location ? { location: this.location } : {})
        });
    }
}

/** The flow graph's kind word in node ids, so a board note and a flow node of one declaration share an id. */
function declarationKind(kind: BoardNoteKind): string {
    if (kind === 'externalEvent') return 'event';
    if (kind === 'rejection') return 'error';
    return kind;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

function unique<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}

function sortedByDocument(models: readonly Model[]): Model[] {
    const uriOf = (model: Model) => model.$document?.uri.toString() ?? '';
    return [...models].sort((a, b) => {
        const [ua, ub] = [uriOf(a), uriOf(b)];
        return ua < ub ? -1 : ua > ub ? 1 : 0;
    });
}
