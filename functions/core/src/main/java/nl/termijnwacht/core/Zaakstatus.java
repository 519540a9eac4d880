package nl.termijnwacht.core;

/** Where a zaak stands on the peildatum. */
public enum Zaakstatus {
    /** Running, before or on the deadline. */
    OPEN,
    /** A suspension is running: warnings pause. */
    OPGESCHORT,
    /** Open and past the deadline. */
    VERSTREKEN,
    /** A decision was made known. */
    BESLOTEN,
    /** The application was withdrawn. */
    INGETROKKEN;

    /** Decided or withdrawn: no further milestones. */
    public boolean afgesloten() {
        return this == BESLOTEN || this == INGETROKKEN;
    }
}
