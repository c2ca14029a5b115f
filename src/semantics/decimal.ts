/**
 * Exact decimal numbers: every number the interpreter computes (`int`, `decimal` and `float` fields
 * alike, literals included) is a `Decimal`, an integer count of units at a decimal scale:
 *
 *     value = units / 10^scale          units: bigint, scale: integer >= 0
 *
 * No operation ever passes through a JavaScript float, so `100.10 - 0.20` is `99.90`, not
 * `99.89999999999999`. The generated TypeScript (issue 12) must compute the same results digit for
 * digit, including the scale of the result, which shows when a number is written as text (events
 * store `decimal` as its exact text). The rules, which a conformance test compares:
 *
 * PARSING (`parseDecimal`) keeps the written scale: `100.10` is 10010 at scale 2, `5` is 5 at scale 0,
 *   `-0.5` is -5 at scale 1. An exponent shifts the scale and never makes it negative: `1.5e3` is
 *   1500 at scale 0, `1.5e-3` is 15 at scale 4, `2e-2` is 2 at scale 2.
 * ADDITION and SUBTRACTION (`add`, `subtract`): the result's scale is the larger of the two scales;
 *   the operand with the smaller scale is multiplied by 10^(difference) first. `1.5 + 2.25` is
 *   `3.75`; `100.10 - 0.20` is `99.90`; `1 + 0.50` is `1.50`; `2.50 - 0.50` is `2.00` (never
 *   shortened).
 * MULTIPLICATION (`multiply`): units multiply and scales add. `1.5 * 2.25` is `3.375`;
 *   `0.10 * 3` is `0.30`; `0.10 * 0.10` is `0.0100`. Nothing is rounded or shortened.
 * COMPARISON (`compare`, `equals`): by value, both operands brought to the larger scale first, so
 *   `1.0 == 1`, `99.9 == 99.90`, `-0.00 == 0`. The scale never takes part in equality.
 * TEXT (`decimalToString`): the units' digits with exactly `scale` digits after the point, a
 *   leading `0` before the point when needed, `-` for a negative value, never an exponent and never
 *   `-0` (a zero is always unsigned): 9990 at scale 2 is `99.90`, -5 at scale 2 is `-0.05`,
 *   0 at scale 2 is `0.00`, 1500 at scale 0 is `1500`.
 * COUNT (`count(list)`) is an integer at scale 0.
 */
export interface Decimal {
    readonly units: bigint;
    readonly scale: number;
}

const DECIMAL_TEXT = /^(-)?([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/**
 * Decimals of texts already parsed. A model writes the same few numbers over and over (every
 * scenario's data, every default), and a `BigInt` from text is most of a literal's cost. Decimals
 * are never mutated, so one object serves every reader; the memory is emptied when it gets large.
 */
const parsed = new Map<string, Decimal | undefined>();
const PARSED_LIMIT = 10_000;

/** The decimal the text denotes (the grammar's NUMBER syntax), or undefined when it is not one. */
export function parseDecimal(text: string): Decimal | undefined {
    let value = parsed.get(text);
    if (value === undefined && !parsed.has(text)) {
        if (parsed.size >= PARSED_LIMIT) parsed.clear();
        value = parseDecimalText(text);
        parsed.set(text, value);
    }
    return value;
}

function parseDecimalText(text: string): Decimal | undefined {
    const match = DECIMAL_TEXT.exec(text.trim());
    if (!match) return undefined;
    const [, sign, whole, fraction = '', exponentText = '0'] = match;
    const exponent = Number.parseInt(exponentText, 10);
    let units = BigInt(whole + fraction);
    let scale = fraction.length - exponent;
    if (scale < 0) {
        units *= 10n ** BigInt(-scale);
        scale = 0;
    }
    return { units: sign ? -units : units, scale };
}

/** Like `parseDecimal`, for text known to be a number (literals the parser accepted). */
export function decimal(text: string): Decimal {
    const value = parseDecimal(text);
    if (!value) throw new Error(`Not a decimal number: '${text}'`);
    return value;
}

export function decimalFromInteger(value: number | bigint): Decimal {
    return { units: BigInt(value), scale: 0 };
}

export function add(a: Decimal, b: Decimal): Decimal {
    const scale = a.scale > b.scale ? a.scale : b.scale;
    return { units: unitsAt(a, scale) + unitsAt(b, scale), scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
    const scale = a.scale > b.scale ? a.scale : b.scale;
    return { units: unitsAt(a, scale) - unitsAt(b, scale), scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
    return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`, by value. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
    const scale = a.scale > b.scale ? a.scale : b.scale;
    const x = unitsAt(a, scale);
    const y = unitsAt(b, scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

export function equals(a: Decimal, b: Decimal): boolean {
    return compare(a, b) === 0;
}

export function decimalToString(value: Decimal): string {
    const negative = value.units < 0n;
    const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
    const whole = digits.slice(0, digits.length - value.scale);
    const fraction = digits.slice(digits.length - value.scale);
    const text = value.scale === 0 ? whole : `${whole}.${fraction}`;
    return negative ? `-${text}` : text;
}

/**
 * The units of `value` at `scale` (not below its own): an operand is brought to the larger of two
 * scales this way, one at a time, without a tuple of both for every operation.
 */
function unitsAt(value: Decimal, scale: number): bigint {
    return value.scale === scale ? value.units : value.units * powerOfTen(scale - value.scale);
}

/** 10^0 … 10^31 made once: scales of a model's numbers are small, and `10n ** BigInt(n)` made two bigints per operand. */
const POWERS_OF_TEN = Array.from({ length: 32 }, (_, n) => 10n ** BigInt(n));

function powerOfTen(exponent: number): bigint {
    return POWERS_OF_TEN[exponent] ?? 10n ** BigInt(exponent);
}
