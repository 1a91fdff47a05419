package io.flopx.cli;

/** No usable sign-in: exit code 3, with what to do about it. */
final class NotSignedInException extends RuntimeException {

    NotSignedInException(String message) {
        super(message);
    }
}
