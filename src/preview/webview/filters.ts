/** Filters: the context and aggregate menus; a change asks the extension for that view. */
import type { FlowGraphFilter, LaidOutFlowGraph } from '../../protocol/flow-graph.js';
import { host } from './host.js';
import { page } from './page.js';
import { saveState, state } from './state.js';

export function updateFilterMenus(next: LaidOutFlowGraph): void {
    const { filter } = state.persisted;
    const context = filter.context;
    fillSelect(page.contextFilter, 'All contexts', next.contexts, context);
    const aggregates = context === undefined ? next.aggregates : next.aggregates.filter(name => name.startsWith(`${context}.`));
    fillSelect(page.aggregateFilter, 'All aggregates', aggregates, filter.aggregate);
}

function fillSelect(select: HTMLSelectElement, allLabel: string, values: readonly string[], selected: string | undefined): void {
    select.replaceChildren(new Option(allLabel, ''), ...values.map(value => new Option(value, value)));
    select.value = selected !== undefined && values.includes(selected) ? selected : '';
}

export function filterKey(filter: FlowGraphFilter): string {
    return `${filter.context ?? ''}/${filter.aggregate ?? ''}`;
}

function changeFilter(filter: FlowGraphFilter): void {
    state.persisted = { ...state.persisted, filter };
    state.fitNext = true;
    saveState();
    host.postMessage({ type: 'setFilter', filter });
}

export function installFilters(): void {
    const { contextFilter, aggregateFilter } = page;
    contextFilter.addEventListener('change', () => changeFilter({ ...(contextFilter.value ? { context: contextFilter.value } : {}) }));
    aggregateFilter.addEventListener('change', () => changeFilter({
        ...(state.persisted.filter.context !== undefined ? { context: state.persisted.filter.context } : {}),
        ...(aggregateFilter.value ? { aggregate: aggregateFilter.value } : {})
    }));
}
