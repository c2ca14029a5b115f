/**
 * A context's scope lists its names unqualified without computing what nobody asked for: the
 * workspace's descriptions find their path and ranges in the CST only when read.
 */
import * as assert from 'node:assert/strict';
import { stream, URI, type AstNodeDescription, type Scope } from 'langium';
import { ContextScope } from '../../../src/language/scoping/context-scope.js';

function description(name: string, type: string, reads: string[]): AstNodeDescription {
    return {
        name, type, documentUri: URI.parse('file:///a.loom'),
        get path() {
            reads.push(`${name} path`);
            return `/elements@${name}`;
        },
        get nameSegment() {
            reads.push(`${name} nameSegment`);
            return { offset: 1, end: 2, length: 1, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } } };
        },
        get selectionSegment() {
            reads.push(`${name} selectionSegment`);
            return { offset: 0, end: 3, length: 3, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } };
        }
    };
}

describe('ContextScope', () => {
    it('lists its own names unqualified and other contexts\' events qualified, reading no path or range until asked', () => {
        const reads: string[] = [];
        const all = [description('Sales.Order', 'ReadModel', reads), description('Billing.Paid', 'Event', reads), description('Billing.Bill', 'ReadModel', reads)];
        const workspace: Scope = { getElement: () => undefined, getElements: () => stream([]), getAllElements: () => stream(all) };
        const elements = new ContextScope('Sales', workspace, new Set(['Event'])).getAllElements().toArray();
        assert.deepEqual(elements.map(each => `${each.type} ${each.name}`), ['ReadModel Order', 'Event Billing.Paid']);
        assert.deepEqual(reads, []);
        assert.equal(elements[0].path, '/elements@Sales.Order');
        assert.equal(elements[0].nameSegment?.offset, 1);
        assert.equal(elements[0].selectionSegment?.length, 3);
        assert.deepEqual(reads, ['Sales.Order path', 'Sales.Order nameSegment', 'Sales.Order selectionSegment']);
    });
});
