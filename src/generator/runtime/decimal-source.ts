/**
 * The exact-decimal helper every generated model uses, as TypeScript source text (it lands in
 * `<out>/eventloom.ts`). Decimals travel as their decimal text (`'12.50'`); arithmetic parses
 * them into a scaled BigInt (`1250n` at scale 2), computes exactly and prints the text back.
 * No float and no dependency. The scale rules are the interpreter's (`src/semantics/decimal.ts`):
 * a sum or difference has the larger scale of its operands, a product the sum of their scales;
 * comparison is by value (`'1.0'` equals `'1'`). A conformance test checks both agree.
 */
export const DECIMAL_HELPER_SOURCE = `/** A decimal as an integer count of units of 10^-scale: \`'12.50'\` is 1250n at scale 2. */
type ScaledDecimal = { readonly units: bigint; readonly scale: number };

function parseDecimal(text: Decimal): ScaledDecimal {
    const match = /^([+-]?)(\\d+)(?:\\.(\\d+))?(?:[eE]([+-]?\\d+))?$/.exec(text.trim());
    if (!match) throw new Error(\`Not a decimal number: '\${text}'\`);
    const [, sign, whole, fraction = '', exponentText] = match;
    let digits = whole + fraction;
    let scale = fraction.length - Number(exponentText ?? 0);
    if (scale < 0) {
        digits += '0'.repeat(-scale);
        scale = 0;
    }
    const units = BigInt(digits);
    return { units: sign === '-' ? -units : units, scale };
}

function printDecimal({ units, scale }: ScaledDecimal): Decimal {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = scale > 0 ? \`.\${digits.slice(digits.length - scale)}\` : '';
    return \`\${negative ? '-' : ''}\${whole}\${fraction}\`;
}

function atScale(value: ScaledDecimal, scale: number): bigint {
    return value.units * 10n ** BigInt(scale - value.scale);
}

/**
 * Exact decimal arithmetic on \`Decimal\` text, as the model's rules compute: \`+\` and \`-\` keep the
 * larger scale of the two (\`'0.10' + '0.2'\` is \`'0.30'\`), \`*\` adds the scales; comparisons are by
 * value (\`'1.0'\` equals \`'1'\`). Never a binary float.
 */
export const decimal = {
    add(a: Decimal, b: Decimal): Decimal {
        const x = parseDecimal(a), y = parseDecimal(b), scale = Math.max(x.scale, y.scale);
        return printDecimal({ units: atScale(x, scale) + atScale(y, scale), scale });
    },
    subtract(a: Decimal, b: Decimal): Decimal {
        const x = parseDecimal(a), y = parseDecimal(b), scale = Math.max(x.scale, y.scale);
        return printDecimal({ units: atScale(x, scale) - atScale(y, scale), scale });
    },
    multiply(a: Decimal, b: Decimal): Decimal {
        const x = parseDecimal(a), y = parseDecimal(b);
        return printDecimal({ units: x.units * y.units, scale: x.scale + y.scale });
    },
    negate(a: Decimal): Decimal {
        const x = parseDecimal(a);
        return printDecimal({ units: -x.units, scale: x.scale });
    },
    /** -1, 0 or 1 as \`a\` is less than, equal to or greater than \`b\`. */
    compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
        const x = parseDecimal(a), y = parseDecimal(b), scale = Math.max(x.scale, y.scale);
        const difference = atScale(x, scale) - atScale(y, scale);
        return difference < 0n ? -1 : difference > 0n ? 1 : 0;
    },
    equals(a: Decimal, b: Decimal): boolean {
        return decimal.compare(a, b) === 0;
    },
    /** The text of an integer or a decimal literal, for mixing \`int\` fields into decimal arithmetic. */
    of(value: number | Decimal): Decimal {
        if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(\`Not an exact integer: \${value}\`);
        return printDecimal(parseDecimal(String(value)));
    }
};
`;
