/**
 * The validation registry: Langium's, with the safety net (safety-net/safe-validation.ts), the
 * knowledge of which checks may be cached per declaration (see declaration-validation-cache.ts),
 * and the checks of a node type looked up once per set of categories instead of as a new stream
 * for every node.
 */
import type { LangiumCoreServices, ValidationCategory, ValidationCheck, ValidationChecks } from 'langium';
import { SafeValidationRegistry } from '../safety-net/safe-validation.js';

export class EventloomValidationRegistry extends SafeValidationRegistry {
    private readonly cacheable = new WeakSet<ValidationCheck>();
    private registeringCacheable = false;
    private readonly checksByCategories = new Map<string, ChecksByType>();
    private readonly categories = new Map<ValidationCheck, ValidationCategory>();

    constructor(services: LangiumCoreServices) {
        super(services);
    }

    /**
     * Checks (category 'fast') whose result on a node depends only on the node's top-level
     * declaration and what that declaration's references resolve to, transitively — no index, no
     * other file's content except through references (see declaration-inputs.ts). Checks on the
     * Model itself may read anything: the root is validated every time anyway.
     */
    registerDeclarationChecks<T>(checks: ValidationChecks<T>, thisObj: unknown): void {
        this.registeringCacheable = true;
        try {
            this.register(checks, thisObj, 'fast');
        } finally {
            this.registeringCacheable = false;
        }
    }

    override register<T>(checksRecord: ValidationChecks<T>, thisObj?: unknown, category?: ValidationCategory): void {
        this.checksByCategories.clear();
        super.register(checksRecord, thisObj, category);
    }

    /** The category a check (as returned by `checksByType`) was registered in. */
    categoryOf(check: ValidationCheck): ValidationCategory | undefined {
        return this.categories.get(check);
    }

    /** Whether a check (as returned by `checksByType`) was registered by `registerDeclarationChecks`. */
    isCacheable(check: ValidationCheck): boolean {
        return this.cacheable.has(check);
    }

    /** `getChecks` as arrays by node type, each computed once per set of categories. */
    checksByType(categories: readonly ValidationCategory[] | undefined): ChecksByType {
        const key = categories?.join(' ') ?? '';
        let checks = this.checksByCategories.get(key);
        if (!checks) {
            checks = new ChecksByType(type => this.getChecks(type, categories as ValidationCategory[] | undefined).toArray());
            this.checksByCategories.set(key, checks);
        }
        return checks;
    }

    protected override addEntry(type: string, entry: { check: ValidationCheck; category: ValidationCategory }): void {
        this.categories.set(entry.check, entry.category);
        super.addEntry(type, entry);
    }

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const wrapped = super.wrapValidationException(check, thisObj);
        if (this.registeringCacheable) this.cacheable.add(wrapped);
        return wrapped;
    }
}

/** The checks of each node type (for one set of categories), looked up once. */
export class ChecksByType {
    private readonly byType = new Map<string, readonly ValidationCheck[]>();

    constructor(private readonly lookUp: (type: string) => readonly ValidationCheck[]) {}

    of(type: string): readonly ValidationCheck[] {
        let checks = this.byType.get(type);
        if (!checks) {
            checks = this.lookUp(type);
            this.byType.set(type, checks);
        }
        return checks;
    }
}
