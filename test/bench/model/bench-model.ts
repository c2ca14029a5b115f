/**
 * A large, valid Eventloom workspace for the benchmark, generated deterministically from its size:
 * contexts with aggregates, commands, events, errors, read models (some fed by another context's
 * events), queries, policies (some reacting to another context) and scenarios, so that every rule
 * of the language has work to do. One event — the "hub" — is used in exactly `hubUses` places
 * (declaration not counted) so that renaming it measures a wide rename.
 */

export interface BenchSize {
    contexts: number;
    aggregates: number;
    commands: number;
    events: number;
    readModels: number;
    /** `per-context`: one file per context; `per-aggregate`: one file per aggregate; `single`: one file. */
    layout: 'per-context' | 'per-aggregate' | 'single';
    hubUses: number;
    /**
     * Every aggregate modelled (issue 11): each command guarded by \`requires\` for its rejections,
     * \`on\` blocks for every event, projections with blocks, and 5 scenarios per aggregate that the
     * editor runs in the interpreter.
     */
    behaviour?: boolean;
}

export const DEFAULT_SIZE: BenchSize = {
    contexts: 10, aggregates: 200, commands: 1200, events: 1200, readModels: 400, layout: 'per-context', hubUses: 50
};

export interface BenchFile {
    /** Relative to the model folder, posix. */
    path: string;
    text: string;
}

export interface BenchModel {
    files: BenchFile[];
    /** The event to rename: its file and context-qualified name. */
    hub: { file: string; name: string; uses: number };
    lines: number;
}

const CONTEXT_WORDS = ['Sales', 'Billing', 'Shipping', 'Inventory', 'Catalog', 'Payments', 'Identity', 'Support', 'Marketing', 'Analytics'];
const AGGREGATE_WORDS = ['Order', 'Invoice', 'Parcel', 'Stock', 'Product', 'Payment', 'Account', 'Ticket', 'Campaign', 'Report', 'Cart', 'Refund'];
const COMMAND_VERBS = ['Open', 'Update', 'Approve', 'Cancel', 'Close', 'Archive', 'Renew', 'Assign', 'Reopen', 'Flag'];
const EVENT_VERBS = ['Opened', 'Updated', 'Approved', 'Cancelled', 'Closed', 'Archived', 'Renewed', 'Assigned', 'Reopened', 'Flagged'];

interface AggregateSpec {
    context: ContextSpec;
    index: number;
    name: string;
    idName: string;
    commands: CommandSpec[];
    events: string[];
    errors: string[];
}

interface CommandSpec {
    name: string;
    emits: string[];
    rejects: string[];
}

interface ContextSpec {
    index: number;
    name: string;
    aggregates: AggregateSpec[];
    readModels: ReadModelSpec[];
    policies: PolicySpec[];
}

interface ReadModelSpec {
    name: string;
    keyName: string;
    handles: string[];
    list: boolean;
}

interface PolicySpec {
    name: string;
    triggers: string[];
    issues: string;
    /** Which aggregate's block the policy is printed after. */
    afterAggregate: number;
}

/** Splits `total` items over `parts` buckets as evenly as possible, earlier buckets first. */
function spread(total: number, parts: number): number[] {
    return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function word(words: readonly string[], index: number): string {
    const base = words[index % words.length];
    const round = Math.floor(index / words.length);
    return round === 0 ? base : `${base}${round + 1}`;
}

export function generateBenchModel(size: BenchSize): BenchModel {
    const contexts = buildSpecs(size);
    const hub = addHubUses(contexts, size.hubUses);
    const files = printFiles(contexts, size.layout, size.behaviour ?? false);
    const lines = files.reduce((sum, file) => sum + file.text.split('\n').length, 0);
    const hubFile = files.find(file => file.text.includes(`event ${hub.event} {`))!.path;
    return { files, hub: { file: hubFile, name: hub.event, uses: hub.uses }, lines };
}

function buildSpecs(size: BenchSize): ContextSpec[] {
    const contexts: ContextSpec[] = Array.from({ length: size.contexts }, (_, index) => ({
        index, name: word(CONTEXT_WORDS, index), aggregates: [], readModels: [], policies: []
    }));
    const aggregatesPerContext = spread(size.aggregates, size.contexts);
    const all: AggregateSpec[] = [];
    contexts.forEach((context, c) => {
        for (let a = 0; a < aggregatesPerContext[c]; a++) {
            const name = `${word(AGGREGATE_WORDS, a)}${c}x${a}`;
            const aggregate: AggregateSpec = {
                context, index: a, name, idName: `${name.charAt(0).toLowerCase()}${name.slice(1)}Id`,
                commands: [], events: [], errors: [`${name}NotFound`, `${name}Locked`]
            };
            context.aggregates.push(aggregate);
            all.push(aggregate);
        }
    });
    const commandCounts = spread(size.commands, all.length);
    const eventCounts = spread(size.events, all.length);
    all.forEach((aggregate, i) => {
        const events = Array.from({ length: Math.max(1, eventCounts[i]) }, (_, e) => `${aggregate.name}${word(EVENT_VERBS, e)}`);
        const commandCount = Math.max(1, commandCounts[i]);
        aggregate.events = events;
        for (let k = 0; k < commandCount; k++) {
            // Every event is emitted by some command: command k emits event k, the last command the rest.
            const emits = k < commandCount - 1 ? [events[Math.min(k, events.length - 1)]] : events.slice(Math.min(k, events.length - 1));
            aggregate.commands.push({
                name: `${word(COMMAND_VERBS, k)}${aggregate.name}`,
                emits,
                rejects: k % 2 === 1 ? [aggregate.errors[0]] : k % 3 === 2 ? aggregate.errors : []
            });
        }
    });
    // Read models: mostly fed by an aggregate of their own context, every fourth by the next context's.
    const readModelsPerContext = spread(size.readModels, size.contexts);
    contexts.forEach((context, c) => {
        for (let r = 0; r < readModelsPerContext[c]; r++) {
            const foreign = r % 4 === 3 && size.contexts > 1;
            const sourceContext = foreign ? contexts[(c + 1) % size.contexts] : context;
            if (sourceContext.aggregates.length === 0) continue;
            const source = sourceContext.aggregates[r % sourceContext.aggregates.length];
            const prefix = foreign ? `${sourceContext.name}.` : '';
            context.readModels.push({
                name: `${source.name}View${r}`,
                keyName: source.idName,
                handles: source.events.slice(0, 3).map(event => prefix + event),
                list: r % 2 === 1
            });
        }
    });
    // Policies: each aggregate's last event issues the next aggregate's first command; every third
    // policy reacts to the previous context's events instead (integration through events).
    contexts.forEach((context, c) => {
        context.aggregates.forEach((aggregate, a) => {
            const next = context.aggregates[(a + 1) % context.aggregates.length];
            const previousContext = contexts[(c + size.contexts - 1) % size.contexts];
            const foreign = a % 3 === 0 && size.contexts > 1 && previousContext.aggregates.length > 0;
            const triggers = foreign
                ? [`${previousContext.name}.${previousContext.aggregates[a % previousContext.aggregates.length].events.at(-1)}`]
                : [aggregate.events.at(-1)!];
            context.policies.push({ name: `React${aggregate.name}`, triggers, issues: next.commands[0].name, afterAggregate: a });
        });
    });
    return contexts;
}

/** Makes the first context's first event appear in exactly `wanted` references, where possible. */
function addHubUses(contexts: ContextSpec[], wanted: number): { event: string; uses: number } {
    const home = contexts[0];
    const event = home.aggregates[0].events[0];
    const qualified = `${home.name}.${event}`;
    const countUses = () => {
        let uses = 0;
        for (const context of contexts) {
            const own = context === home;
            const matches = (name: string) => name === qualified || (own && name === event);
            for (const aggregate of context.aggregates) {
                for (const command of aggregate.commands) uses += command.emits.filter(matches).length;
            }
            for (const readModel of context.readModels) uses += readModel.handles.filter(matches).length;
            for (const policy of context.policies) uses += policy.triggers.filter(matches).length;
        }
        // The home aggregate's first scenario has the hub as its `given` and its `then` event.
        return uses + 2;
    };
    let uses = countUses();
    for (const context of contexts) {
        for (const policy of context.policies) {
            if (uses >= wanted) break;
            const name = context === home ? event : qualified;
            if (!policy.triggers.includes(name)) {
                policy.triggers.push(name);
                uses++;
            }
        }
    }
    return { event, uses };
}

// ---------------------------------------------------------------------------------------------
// Printing

function printFiles(contexts: ContextSpec[], layout: BenchSize['layout'], behaviour: boolean): BenchFile[] {
    const files: BenchFile[] = [];
    for (const context of contexts) {
        const folder = context.name.toLowerCase();
        if (layout === 'per-aggregate') {
            context.aggregates.forEach((aggregate, a) => {
                const parts = [header(context, a === 0), printAggregate(aggregate, behaviour, context)];
                parts.push(...context.policies.filter(p => p.afterAggregate === a).map(printPolicy));
                parts.push(...readModelsOf(context, a).map(readModel => printReadModel(readModel, behaviour)));
                files.push({ path: `${folder}/${kebab(aggregate.name)}.loom`, text: parts.join('\n\n') + '\n' });
            });
        } else {
            const parts = [header(context, true)];
            context.aggregates.forEach((aggregate, a) => {
                parts.push(printAggregate(aggregate, behaviour, context));
                parts.push(...context.policies.filter(p => p.afterAggregate === a).map(printPolicy));
                parts.push(...readModelsOf(context, a).map(readModel => printReadModel(readModel, behaviour)));
            });
            files.push({ path: `${folder}.loom`, text: parts.join('\n\n') + '\n' });
        }
    }
    if (layout === 'single') {
        if (files.length !== 1) throw new Error('the single-file layout needs exactly one context');
        files[0].path = 'model.loom';
    }
    return files;
}

/** The read models (with their queries) printed next to aggregate `a` of the context. */
function readModelsOf(context: ContextSpec, a: number): ReadModelSpec[] {
    const n = context.aggregates.length;
    return context.readModels.filter((_, r) => r % n === a);
}

function header(context: ContextSpec, withTypes: boolean): string {
    const lines = [`/** The ${context.name} bounded context (benchmark model). */`, `context ${context.name}`];
    if (withTypes) {
        lines.push(
            '',
            'enum Currency { EUR, USD, GBP }',
            'enum Status { Active, Suspended, Closed }',
            '',
            '/** An amount in one currency. */',
            'type Money {',
            '  amount: decimal',
            '  currency: Currency',
            '}'
        );
    }
    return lines.join('\n');
}

function printAggregate(aggregate: AggregateSpec, behaviour: boolean, context: ContextSpec): string {
    const lines = [
        `/** ${aggregate.name}: one stream per ${aggregate.idName}. */`,
        `aggregate ${aggregate.name} {`,
        `  id ${aggregate.idName}: uuid`,
        '',
        '  state {',
        '    status: Status = Active',
        '    total: decimal = 0',
        '    tags: string[] = []',
        '  }'
    ];
    for (const command of aggregate.commands) {
        lines.push(
            '',
            `  command ${command.name} {`,
            '    amount: decimal',
            '    price: Money',
            '    note?: string',
            `    emits ${command.emits.join(', ')}`
        );
        if (behaviour) lines.push(...guardsOf(aggregate, command));
        else if (command.rejects.length > 0) lines.push(`    rejects ${command.rejects.join(', ')}`);
        lines.push('  }');
    }
    lines.push('');
    for (const event of aggregate.events) {
        lines.push(`  event ${event} { ${aggregate.idName}: uuid, amount: decimal, status: Status }`);
    }
    lines.push('', `  error ${aggregate.errors[0]}`, `  error ${aggregate.errors[1]} { reason: string }`);
    if (behaviour) {
        lines.push('');
        aggregate.events.forEach((event, e) => lines.push(e === 0 ? `  on ${event} { status, total += amount }` : `  on ${event} { total += amount, tags += "seen" }`));
    }
    lines.push('}', '');
    lines.push(...(behaviour ? printModelledScenarios(aggregate, context) : printScenarios(aggregate)));
    return lines.join('\n');
}

/** The rejections as guards: closed accounts are refused, amounts must be positive. */
function guardsOf(aggregate: AggregateSpec, command: CommandSpec): string[] {
    const lines: string[] = [];
    if (command.rejects.includes(aggregate.errors[0])) lines.push(`    requires status != Closed else ${aggregate.errors[0]}`);
    if (command.rejects.includes(aggregate.errors[1])) lines.push(`    requires amount > 0 and price.amount >= 0 else ${aggregate.errors[1]} { reason: "amount must be positive" }`);
    return lines;
}

/** Five scenarios per aggregate that the interpreter runs: decisions, rejections and a projection. */
function printModelledScenarios(aggregate: AggregateSpec, context: ContextSpec): string[] {
    const id = '"4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f"';
    const given = (status: string, amount = '10') => `${aggregate.events[0]} { ${aggregate.idName}: ${id}, amount: ${amount}, status: ${status} }`;
    const first = aggregate.commands[0];
    const closing = aggregate.commands.find(command => command.rejects.includes(aggregate.errors[0])) ?? first;
    const positive = aggregate.commands.find(command => command.rejects.includes(aggregate.errors[1])) ?? first;
    const when = (command: CommandSpec, amount: string) => `${command.name} { amount: ${amount}, price: { amount: 12.50, currency: EUR }, note: "bench" }`;
    const scenario = (name: string, ...body: string[]) => [`scenario "${aggregate.name} ${name}" {`, ...body.map(line => `  ${line}`), '}', ''];
    const readModel = context.readModels.find(candidate => candidate.handles.includes(aggregate.events[0]));
    return [
        ...scenario('records what it was told', `given ${given('Active')}`, `when ${when(first, '12.50')}`, `then ${first.emits[0]} { amount: 12.50, status: Active }`),
        ...scenario('decides on a longer history', `given ${given('Active')} ${given('Suspended', '0.10')}`, `when ${when(first, '0.20')}`, `then ${first.emits[0]} { amount: 0.20, status: Suspended }`),
        ...(closing !== first
            ? scenario('refuses a closed stream', `given ${given('Closed')}`, `when ${when(closing, '1')}`, `then rejected ${aggregate.errors[0]}`)
            : scenario('decides without history', `when ${when(first, '1')}`, `then ${first.emits[0]} { amount: 1 }`)),
        ...(positive !== first
            ? scenario('refuses a non-positive amount', `when ${when(positive, '0')}`, `then rejected ${aggregate.errors[1]} { reason: "amount must be positive" }`)
            : scenario('decides from a fresh stream', `when ${when(first, '3')}`, `then ${first.emits[0]} { status: Active }`)),
        ...(readModel
            ? scenario('is projected', `given ${given('Active', '100.10')} ${given('Active', '-0.20')}`, `expect ${readModel.name} { ${aggregate.idName}: ${id}, amount: 99.90 }`)
            : scenario('keeps deciding', `given ${given('Active')}`, `when ${when(first, '2')}`, `then ${first.emits[0]} { amount: 2 }`))
    ];
}

function printScenarios(aggregate: AggregateSpec): string[] {
    const first = aggregate.commands[0];
    const rejecting = aggregate.commands.find(command => command.rejects.length > 0);
    const lines = [
        `scenario "${aggregate.name} records what it was told" {`,
        `  given ${aggregate.events[0]} { ${aggregate.idName}: "4f9c1d2e-8a7b-4c3d-9e1f-0a2b3c4d5e6f", amount: 10, status: Active }`,
        `  when ${first.name} { amount: 12.50, price: { amount: 12.50, currency: EUR }, note: "bench" }`,
        `  then ${first.emits[0]} { amount: 12.50 }`,
        '}'
    ];
    if (rejecting) {
        lines.push(
            '',
            `scenario "${aggregate.name} rejects when locked" {`,
            `  when ${rejecting.name} { amount: 1, price: { amount: 1, currency: USD } }`,
            `  then rejected ${rejecting.rejects[0]}`,
            '}'
        );
    }
    return lines;
}

function printReadModel(readModel: ReadModelSpec, behaviour: boolean): string {
    const handlers = behaviour
        // Another context's Status is another enum: a foreign event's status is not copied.
        ? [`  on ${readModel.handles.join(', ')} { amount += amount${readModel.handles.some(name => name.includes('.')) ? '' : ', status'} }`]
        : [`  on ${readModel.handles.join(', ')}`];
    return [
        `readmodel ${readModel.name} {`,
        `  key ${readModel.keyName}: uuid`,
        '  amount: decimal = 0',
        behaviour ? '  status: Status = Active' : '  status?: Status',
        '  lastChange?: timestamp',
        ...handlers,
        '}',
        '',
        `query Get${readModel.name} { ${readModel.keyName}: uuid } returns ${readModel.name}${readModel.list ? '[]' : ''}`
    ].join('\n');
}

function printPolicy(policy: PolicySpec): string {
    return [`policy ${policy.name} {`, `  on ${policy.triggers.join(', ')}`, `  issues ${policy.issues}`, '}'].join('\n');
}

function kebab(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
