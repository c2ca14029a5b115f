/** The language server process: Langium's LSP over the connection the client opened (IPC). */
import '../polyfills/group-by.mjs';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createEventloomServices } from './eventloom-module.js';
import { registerFlowGraphHandler } from '../preview/server/flow-graph-handler.js';
import { registerGenerateHandler } from '../generator/generate-handler.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createEventloomServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
registerFlowGraphHandler(shared);
registerGenerateHandler(shared);
