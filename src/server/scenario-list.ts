/**
 * The scenarios of a model file as the Test Explorer lists them: name, context, what they are
 * grouped under (the aggregate of the `when` command, else the read model a projection scenario
 * expects), and the declaration's range, which starts at the scenario's line.
 */
import type { LangiumDocument } from 'langium';
import { isScenario, type Model, type Scenario } from '../language/generated/ast.js';
import { aggregateOf } from '../language/model-queries.js';
import type { ScenarioEntry, ScenarioFile } from '../protocol/scenario-requests.js';

export function scenarioFileOf(document: LangiumDocument<Model>): ScenarioFile {
    const model = document.parseResult.value;
    const context = model.context?.name ?? '';
    const scenarios = (model.elements.filter(isScenario) as Scenario[]).flatMap((scenario): ScenarioEntry[] => {
        const range = scenario.$cstNode?.range;
        // A scenario still being typed has no name yet: nothing to list or run.
        if (!range || !scenario.name) return [];
        const group = groupOf(scenario);
        return [{ name: scenario.name, context, ...(group ? { group } : {}), range }];
    });
    return { uri: document.uri.toString(), scenarios };
}

function groupOf(scenario: Scenario): ScenarioEntry['group'] {
    const command = scenario.when?.command?.ref;
    const aggregate = command && aggregateOf(command);
    if (aggregate?.name) return { kind: 'aggregate', name: aggregate.name };
    const readModel = scenario.expectations.find(expectation => expectation.readModel?.ref)?.readModel.ref;
    if (readModel?.name) return { kind: 'readModel', name: readModel.name };
    return undefined;
}
