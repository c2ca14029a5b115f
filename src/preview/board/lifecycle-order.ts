/**
 * The order of an aggregate's commands on the board's time line: its lifecycle, as far as the
 * model tells it. The rule (also in the README):
 *
 * 1. The events are put in "happens before" order: each scenario says its `given` events happened
 *    in the order written, and before its `then` events. Where scenarios say nothing (or contradict
 *    each other), the declaration order decides. So `OrderStarted` (given in every scenario) comes
 *    before `OrderPlaced` (a `then`) even when declared after it.
 * 2. A command takes the place of the earliest event it emits; a command the scenarios show on a
 *    fresh stream (`when` without `given`, not rejected) is create-like and goes first. Ties, and commands that
 *    emit nothing, keep their declaration order (those last).
 */

export interface LifecycleCommand {
    name: string;
    /** Event names, as declared in `emits`. */
    emits: readonly string[];
}

export interface LifecycleScenario {
    given: readonly string[];
    when?: string;
    then: readonly string[];
    /** The command was rejected: a rejection on a fresh stream says nothing about creation. */
    rejected?: boolean;
}

export function lifecycleOrder(commands: readonly LifecycleCommand[], events: readonly string[], scenarios: readonly LifecycleScenario[]): LifecycleCommand[] {
    const eventRank = new Map(happensBeforeOrder(events, scenarios).map((event, index) => [event, index]));
    const createLike = new Set(scenarios.filter(s => s.given.length === 0 && s.when !== undefined && !s.rejected).map(s => s.when!));
    const rankOf = (command: LifecycleCommand): number => {
        if (createLike.has(command.name)) return -1;
        const ranks = command.emits.map(event => eventRank.get(event)).filter((rank): rank is number => rank !== undefined);
        return ranks.length > 0 ? Math.min(...ranks) : Number.MAX_SAFE_INTEGER;
    };
    return commands.map((command, index) => ({ command, index, rank: rankOf(command) }))
        .sort((a, b) => a.rank - b.rank || a.index - b.index)
        .map(entry => entry.command);
}

/**
 * A topological order of the events under the scenarios' "happens before" pairs, with declaration
 * order choosing among the events that are free; a pair that would close a cycle is dropped.
 */
export function happensBeforeOrder(events: readonly string[], scenarios: readonly LifecycleScenario[]): string[] {
    const declared = new Map(events.map((event, index) => [event, index]));
    const after = new Map<string, Set<string>>(events.map(event => [event, new Set()]));
    const reaches = (from: string, to: string): boolean => {
        const seen = new Set<string>();
        const stack = [from];
        while (stack.length > 0) {
            const current = stack.pop()!;
            if (current === to) return true;
            if (seen.has(current)) continue;
            seen.add(current);
            stack.push(...(after.get(current) ?? []));
        }
        return false;
    };
    for (const scenario of scenarios) {
        // Consecutive given events, and the last given before every `then` event.
        const pairs: Array<[string, string]> = [];
        for (let i = 1; i < scenario.given.length; i++) pairs.push([scenario.given[i - 1], scenario.given[i]]);
        const lastGiven = scenario.given[scenario.given.length - 1];
        if (lastGiven !== undefined) for (const event of scenario.then) pairs.push([lastGiven, event]);
        for (const [before, later] of pairs) {
            if (before === later || !declared.has(before) || !declared.has(later)) continue;
            if (!reaches(later, before)) after.get(before)!.add(later);
        }
    }
    const incoming = new Map(events.map(event => [event, 0]));
    for (const targets of after.values()) for (const target of targets) incoming.set(target, incoming.get(target)! + 1);
    const order: string[] = [];
    const free = events.filter(event => incoming.get(event) === 0);
    while (free.length > 0) {
        free.sort((a, b) => declared.get(a)! - declared.get(b)!);
        const next = free.shift()!;
        order.push(next);
        for (const target of after.get(next)!) {
            incoming.set(target, incoming.get(target)! - 1);
            if (incoming.get(target) === 0) free.push(target);
        }
    }
    return order;
}
