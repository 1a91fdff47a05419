package io.flopx.cli;

/** Input the command cannot use, found after parsing (a price with too many decimals, say): exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
