/**
 * A context's enums and their members by name, built once per workspace state. A name in a
 * behaviour expression may denote any enum member of its context (`status == Open`): looking it up
 * here instead of listing every member for every name keeps linking linear in a context with
 * thousands of enums (the CLI fuzz's 5 MB model took 77 s to validate, mostly listing members).
 */
import type { AstNode, AstNodeDescription, AstNodeDescriptionProvider, NameProvider, Scope, Stream } from 'langium';
import { stream } from 'langium';
import type { Enum, EnumMember } from '../generated/ast.js';

export class ContextEnums {
    private readonly membersByName = new Map<string, EnumMember[]>();
    private readonly enumsByName = new Map<string, Enum[]>();

    constructor(readonly enums: readonly Enum[]) {
        for (const declaration of enums) {
            push(this.enumsByName, declaration.name, declaration);
            for (const member of declaration.members) push(this.membersByName, member.name, member);
        }
    }

    /** The members and enums called `name`, members first, each in the context's enum order. */
    named(name: string, except: Enum | undefined): AstNode[] {
        const members = (this.membersByName.get(name) ?? []).filter(member => member.$container !== except);
        return [...members, ...(this.enumsByName.get(name) ?? [])];
    }

    /** Every member (but those of `except`), then every enum: the order the names resolve in. */
    all(except: Enum | undefined): AstNode[] {
        return [...this.enums.filter(e => e !== except).flatMap(e => e.members), ...this.enums];
    }
}

function push<T>(map: Map<string, T[]>, name: string | undefined, value: T): void {
    if (!name) return; // a name lost to a parse error is no candidate
    const list = map.get(name);
    if (list) list.push(value);
    else map.set(name, [value]);
}

/**
 * The names an expression may denote: `first` (its fields, in resolution order, then the expected
 * enum's members), then, when `enums` is given, the context's other enum members and its enums.
 */
export class ExpressionNameScope implements Scope {
    constructor(
        private readonly first: readonly AstNode[],
        private readonly enums: ContextEnums | undefined,
        private readonly expectedEnum: Enum | undefined,
        private readonly nameProvider: NameProvider,
        private readonly descriptions: AstNodeDescriptionProvider
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        for (const node of this.first) {
            if (this.nameProvider.getName(node) === name) return this.descriptions.createDescription(node, name);
        }
        const [found] = this.enums?.named(name, this.expectedEnum) ?? [];
        return found ? this.descriptions.createDescription(found, name) : undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const nodes = [...this.first.filter(node => this.nameProvider.getName(node) === name), ...(this.enums?.named(name, this.expectedEnum) ?? [])];
        return stream(nodes).map(node => this.descriptions.createDescription(node, name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream([...this.first, ...(this.enums?.all(this.expectedEnum) ?? [])])
            .map(node => {
                const name = this.nameProvider.getName(node);
                return name ? this.descriptions.createDescription(node, name) : undefined;
            })
            .nonNullable();
    }
}
