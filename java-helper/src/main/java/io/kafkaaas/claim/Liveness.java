package io.kafkaaas.claim;

import java.util.Locale;

/** What a slot's owner is, as far as taking its id over goes. */
public enum Liveness {
    /** Nobody claims the slot. */
    ABSENT,
    /** The owner may still be using the id: never take it. */
    ALIVE,
    /** The owner is gone for good (rule 4, first condition). */
    DEAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
