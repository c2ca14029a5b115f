/**
 * The language server process (bundled to `out/server.cjs`): Langium's LSP over the connection
 * the client opened (IPC), plus Eventloom's custom requests (the flow graph, Generate, the scenarios of the Test Explorer).
 */
import '../polyfills/group-by.mjs';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createEventloomServices } from '../language/eventloom-module.js';
import { registerEvolutionWarnings } from './evolution-warnings.js';
import { registerScenarioCheck } from '../semantics/scenario-check.js';
import { registerFlowGraphHandler } from './flow-graph-handler.js';
import { registerGenerateHandler } from './generate-handler.js';
import { limitHeapGrowth } from './heap-growth.js';
import { highlightWithinTheDocument, keepRequestsResponsive } from './keep-requests-responsive.js';
import { registerScenarioHandlers } from './scenario-handlers.js';

// EVENTLOOM_HEAP_GROWING_PERCENT (0: V8's own factor) exists for the benchmark, which measures with and without.
const heapGrowingPercent = process.env.EVENTLOOM_HEAP_GROWING_PERCENT;
limitHeapGrowth(heapGrowingPercent === undefined ? undefined : Number(heapGrowingPercent));
const connection = createConnection(ProposedFeatures.all);
const { shared, Eventloom } = createEventloomServices({ connection, ...NodeFileSystem });
registerEvolutionWarnings(Eventloom);
// EVENTLOOM_SCENARIO_CHECK=off exists for the benchmark, which measures what the scenario runs cost.
const scenarioCheck = process.env.EVENTLOOM_SCENARIO_CHECK !== 'off' ? registerScenarioCheck(Eventloom) : undefined;
// EVENTLOOM_DEPENDENTS_PAUSE_MS (0: no pause) exists for the benchmark, which measures with and without it.
const pauseMs = process.env.EVENTLOOM_DEPENDENTS_PAUSE_MS;
keepRequestsResponsive(shared, Eventloom, pauseMs === undefined ? undefined : Number(pauseMs));
startLanguageServer(shared);
highlightWithinTheDocument(shared);
registerFlowGraphHandler(shared, scenarioCheck?.forms);
registerGenerateHandler(shared);
registerScenarioHandlers(shared);
