/**
 * Re-validates what changed. After a keystroke inside one declaration of a 2,000-line file,
 * every other declaration is the same AST node as before, most keep their links (kept-links.ts),
 * and their checks would report exactly what they reported last time. So the results of the
 * checks registered as declaration checks (EventloomValidationRegistry.registerDeclarationChecks)
 * are kept per top-level declaration, and reported again — their ranges computed from the nodes'
 * current positions — while nothing they read changed (declaration-inputs.ts). Every other check
 * (the Model's file-wide name checks, the 'slow' ones, checks registered from above such as the
 * scenario check, which keeps its own results) runs as usual, in the same order as Langium's walk:
 * the diagnostics come out exactly as a fresh validation gives them, in the same order.
 * test/language/validation/declaration-validation-cache.test.ts compares both on random edit chains.
 */
import {
    Cancellation, interruptAndCheck, type AstNode, type LangiumCoreServices, type ValidationAcceptor, type ValidationCheck,
    type ValidationOptions
} from 'langium';
import { childNodes, collectNodes } from '../ast-walk.js';
import type { LinkEpochs } from '../linking/link-epochs.js';
import type { InternalFailures } from '../safety-net/internal-error.js';
import { SafeDocumentValidator } from '../safety-net/safe-validation.js';
import { DeclarationInputs } from './declaration-inputs.js';
import type { ChecksByType, EventloomValidationRegistry } from './eventloom-validation-registry.js';

type CancellationToken = Cancellation.CancellationToken;
type Accepted = Parameters<ValidationAcceptor>;

/** One declaration's validation as it happened: its cached checks' reports and where the other checks ran. */
interface CachedValidation {
    /** LinkEpochs stamp when it was computed. */
    at: number;
    /** The categories validated then (undefined: all). */
    categories: readonly string[] | undefined;
    steps: Array<{ accepted: Accepted } | { nodeIndex: number; check: ValidationCheck }>;
}

/** Nodes between two chances to yield to a keystroke (Langium checks before every node). */
const NODES_PER_INTERRUPT = 256;

/** What the latest validation of a document did: for the tests and the bench. */
export interface ValidationStats {
    /** Top-level declarations whose cached checks ran. */
    checked: AstNode[];
    /** Top-level declarations whose cached checks' reports were reported again. */
    reused: number;
}

export class IncrementalDocumentValidator extends SafeDocumentValidator {
    private readonly registry: EventloomValidationRegistry;
    private readonly inputs: DeclarationInputs;
    private readonly cache = new WeakMap<AstNode, CachedValidation>();
    private readonly stats = new WeakMap<AstNode, ValidationStats>();

    constructor(services: LangiumCoreServices, failures: InternalFailures, private readonly epochs: LinkEpochs) {
        super(services, failures);
        this.registry = services.validation.ValidationRegistry as EventloomValidationRegistry;
        this.inputs = new DeclarationInputs(epochs, services.shared);
    }

    /** What the latest validation of the model did (undefined before the first). */
    statsOf(root: AstNode): ValidationStats | undefined {
        return this.stats.get(root);
    }

    /** Langium's walk (root first, then each top-level declaration's subtree), one declaration at a time. */
    protected override async validateAstNodes(
        root: AstNode, options: ValidationOptions, accept: ValidationAcceptor, cancelToken: CancellationToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        const categories = options.categories;
        const cacheable = !categories || categories.includes('fast');
        const stats: ValidationStats = { checked: [], reused: 0 };
        const checks = this.registry.checksByType(categories);
        await this.runChecks(root, checks, accept, cancelToken);
        for (const declaration of childNodes(root)) {
            await interruptAndCheck(cancelToken);
            const cached = cacheable ? this.cache.get(declaration) : undefined;
            if (cached && covers(cached.categories, categories) && this.inputs.unchangedSince(declaration, cached.at)) {
                await this.replay(declaration, cached, categories, accept, cancelToken);
                stats.reused++;
                continue;
            }
            const at = this.epochs.current;
            const steps = await this.validateDeclaration(declaration, checks, accept, cancelToken);
            stats.checked.push(declaration);
            if (cacheable) this.cache.set(declaration, { at, categories, steps });
        }
        this.stats.set(root, stats);
    }

    private async validateDeclaration(
        declaration: AstNode, checks: ChecksByType, accept: ValidationAcceptor, cancelToken: CancellationToken
    ): Promise<CachedValidation['steps']> {
        const steps: CachedValidation['steps'] = [];
        const record: ValidationAcceptor = (...accepted) => {
            steps.push({ accepted });
            accept(...accepted);
        };
        const nodes = collectNodes(declaration);
        for (let nodeIndex = 0; nodeIndex < nodes.length; nodeIndex++) {
            if (nodeIndex > 0 && nodeIndex % NODES_PER_INTERRUPT === 0) await interruptAndCheck(cancelToken);
            const node = nodes[nodeIndex];
            for (const check of checks.of(node.$type)) {
                const cached = this.registry.isCacheable(check);
                if (!cached) steps.push({ nodeIndex, check });
                const result = check(node, cached ? record : accept, cancelToken);
                if (result) await result;
            }
        }
        return steps;
    }

    /** The cached reports again, and the checks that are not cached (of the categories asked for) run where they ran. */
    private async replay(
        declaration: AstNode, cached: CachedValidation, categories: ValidationOptions['categories'], accept: ValidationAcceptor, cancelToken: CancellationToken
    ): Promise<void> {
        let nodes: AstNode[] | undefined;
        for (const step of cached.steps) {
            if ('accepted' in step) {
                accept(...step.accepted);
                continue;
            }
            if (categories && !categories.includes(this.registry.categoryOf(step.check)!)) continue;
            const node = step.nodeIndex === 0 ? declaration : (nodes ??= collectNodes(declaration))[step.nodeIndex];
            const result = step.check(node, accept, cancelToken);
            if (result) await result;
        }
    }

    private async runChecks(node: AstNode, checks: ChecksByType, accept: ValidationAcceptor, cancelToken: CancellationToken): Promise<void> {
        for (const check of checks.of(node.$type)) {
            const result = check(node, accept, cancelToken);
            if (result) await result;
        }
    }
}

/**
 * Whether a validation of the categories `then` ran every check a validation of `now` runs (a
 * save validates all of them; the next keystroke asks for fewer).
 */
function covers(then: readonly string[] | undefined, now: readonly string[] | undefined): boolean {
    if (then === undefined) return true;
    if (now === undefined) return false;
    return now.every(category => category === 'built-in' || then.includes(category));
}
