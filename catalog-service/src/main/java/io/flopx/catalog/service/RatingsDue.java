package io.flopx.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether offerings may need a new delivery record: delivery summaries arrived, or an offering was listed (it
 * has none until a round rates it). Starts due, so a restarted service catches up at once.
 */
@ApplicationScoped
public class RatingsDue {

    private final AtomicBoolean due = new AtomicBoolean(true);

    public void mark() {
        due.set(true);
    }

    /** Whether a round is due, clearing the mark. */
    boolean take() {
        return due.getAndSet(false);
    }
}
