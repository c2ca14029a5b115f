/** Arguments the CLI cannot work with (exit code 2). Library code throws it; only main() exits. */
export class UsageError extends Error {
    override readonly name = 'UsageError';
}
