/** Registers every validator's checks with Langium's validation registry. */
import type { LangiumCoreServices, ValidationChecks } from 'langium';
import type { EventloomAstType } from '../generated/ast.js';
import type { BehaviourValidator } from './behaviour-validator.js';
import type { EventEffectValidator } from './event-effect-validator.js';
import type { EventloomValidationRegistry } from './eventloom-validation-registry.js';
import type { EvolutionValidator } from './evolution-validator.js';
import type { FlowValidator } from './flow-validator.js';
import type { LiteralsValidator } from './literals-validator.js';
import type { NamesValidator } from './names-validator.js';
import type { ReferencesValidator } from './references-validator.js';
import type { ScenarioValidator } from './scenario-validator.js';
import type { StructureValidator } from './structure-validator.js';

export interface EventloomValidators {
    StructureValidator: StructureValidator;
    NamesValidator: NamesValidator;
    ReferencesValidator: ReferencesValidator;
    LiteralsValidator: LiteralsValidator;
    ScenarioValidator: ScenarioValidator;
    FlowValidator: FlowValidator;
    EventEffectValidator: EventEffectValidator;
    BehaviourValidator: BehaviourValidator;
    EvolutionValidator: EvolutionValidator;
}

interface Validator {
    checks(): ValidationChecks<EventloomAstType>;
}

export function registerValidators(services: LangiumCoreServices & { validation: EventloomValidators }): void {
    const registry = services.validation.ValidationRegistry as EventloomValidationRegistry;
    const validators: Validator[] = [
        services.validation.StructureValidator,
        services.validation.NamesValidator,
        services.validation.ReferencesValidator,
        services.validation.LiteralsValidator,
        services.validation.ScenarioValidator,
        services.validation.FlowValidator,
        services.validation.BehaviourValidator,
        services.validation.EvolutionValidator
    ];
    // Each reads its node's declaration and what that declaration references, nothing else (the
    // Model's checks excepted, which run on every validation): cached per declaration.
    for (const validator of validators) {
        registry.registerDeclarationChecks(validator.checks(), validator);
    }
    // Reads who handles an event in other files: their links are complete only on a full build
    // (an edit validates the edited file before re-linking its dependents), and Langium runs the
    // 'slow' category only when asked: on full builds (`validation: true`), in the CLI, and on save.
    const slow = services.validation.EventEffectValidator;
    registry.register(slow.checks(), slow, 'slow');
}
