/**
 * The Test Explorer's tree of scenarios, as plain data (no `vscode` here, so it is unit-tested):
 * one node per model file, under it one per aggregate (or read model, for projection scenarios, or
 * the context, for the rest), under that the scenarios with the range of their declaration. Ids
 * are stable across edits that keep a scenario's file, context and name.
 */
import type { Range } from 'vscode-languageserver-protocol';
import type { ScenarioEntry, ScenarioFile } from '../../protocol/scenario-requests.js';

export interface ScenarioNode {
    id: string;
    label: string;
    description?: string;
    /** Scenarios only: their declaration. */
    range?: Range;
    children: ScenarioNode[];
}

/** A scenario's test item id; the run's results are matched to items by it. */
export function scenarioId(uri: string, context: string, name: string): string {
    return `${uri}#${context}/${name}`;
}

/** The node of a file, or undefined when it has no scenario (such files are not listed). */
export function fileNodeOf(file: ScenarioFile, label: string): ScenarioNode | undefined {
    if (file.scenarios.length === 0) return undefined;
    const groups = new Map<string, ScenarioNode>();
    for (const scenario of file.scenarios) {
        const { key, label, description } = groupOf(scenario);
        const id = `${file.uri}#${key}`;
        let group = groups.get(id);
        if (!group) groups.set(id, group = { id, label, description, children: [] });
        group.children.push({ id: scenarioId(file.uri, scenario.context, scenario.name), label: scenario.name, range: scenario.range, children: [] });
    }
    return { id: file.uri, label, children: [...groups.values()] };
}

function groupOf(scenario: ScenarioEntry): { key: string; label: string; description: string } {
    const context = scenario.context || 'no context';
    if (!scenario.group) return { key: `${scenario.context}`, label: context, description: 'context' };
    const kind = scenario.group.kind === 'aggregate' ? 'aggregate' : 'read model';
    return { key: `${scenario.context}/${scenario.group.kind}:${scenario.group.name}`, label: scenario.group.name, description: `${context} ${kind}` };
}
