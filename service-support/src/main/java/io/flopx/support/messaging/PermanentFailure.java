package io.flopx.support.messaging;

/**
 * An event that no retry will make acceptable (it contradicts what the service knows): Patiently does not
 * retry it, so it reaches the channel's failure strategy (its dead-letter topic) at once.
 */
public class PermanentFailure extends IllegalArgumentException {

    public PermanentFailure(String message) {
        super(message);
    }
}
