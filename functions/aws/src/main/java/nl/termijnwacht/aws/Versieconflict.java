package nl.termijnwacht.aws;

/**
 * Another writer stored a newer version of an item between its read and this write (optimistic locking).
 * After a handful of tries the caller gives up: for a scanner that is another run advancing the same item,
 * not a fault (docs/architectuur.md, "Exactly once").
 */
public abstract class Versieconflict extends RuntimeException {
    protected Versieconflict(String bericht) {
        super(bericht, null, false, false);
    }
}
