/** The board's scenario steps, computed by the interpreter: state, outcome and the failing step. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildBoard } from '../../../src/preview/board/build-board.js';
import { scenarioRunner } from '../../../src/preview/board/scenario-steps.js';
import { FIXTURES, modelsOf, readModelFolder, REPO_ROOT } from '../preview-test-kit.js';

describe('scenario steps on the board', () => {
    it('runs each scenario slice: one view per step, the outcome from the interpreter, a failure at the step that differs', async () => {
        const models = await modelsOf(readModelFolder(path.join(FIXTURES, 'modelled-bank')));
        const slices = buildBoard(models, {}, { runner: scenarioRunner(models) }).contexts[0].slices.filter(slice => slice.kind === 'scenario');
        const [booked, refused] = slices;
        assert.equal(booked.run?.outcome, 'passed');
        assert.deepEqual(booked.run?.steps.map(step => step.summary), ['Opened happened', 'Book is decided on this state', 'accepted: Booked { amount: 100.10 }']);
        assert.equal(booked.run?.steps.length, booked.steps?.length);
        assert.equal(refused.run?.outcome, 'failed');
        assert.equal(refused.run?.failedStep, 3);
        assert.equal(refused.run?.steps[3].summary, 'rejected: StillOpen {}');
        assert.match(refused.run?.message ?? '', /^Expected Closed, but the model gives rejected StillOpen: `requires 1 > 2 else StillOpen` \(line 16\)/);
    });

    it('says why a scenario whose rules are hand-written is not stepped', async () => {
        const models = await modelsOf(readModelFolder(path.join(REPO_ROOT, 'templates/online-shop')));
        const slice = buildBoard(models, {}, { runner: scenarioRunner(models) }).contexts[0].slices.find(s => s.title === 'an empty cart cannot be placed')!;
        assert.equal(slice.run?.outcome, 'skipped');
        assert.match(slice.run?.message ?? '', /^Not run by the model: the decision of PlaceOrder is hand-written/);
    });
});
