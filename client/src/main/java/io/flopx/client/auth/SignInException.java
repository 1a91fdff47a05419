package io.flopx.client.auth;

/** Signing in did not work, or a refresh token is no longer good: the user has to sign in (again). */
public class SignInException extends RuntimeException {

    public SignInException(String message) {
        super(message);
    }

    public SignInException(String message, Throwable cause) {
        super(message, cause);
    }
}
