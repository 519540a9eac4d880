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

    /** Before trying again after a conflict: a short random wait that grows per attempt, so writers spread out. */
    public static void wacht(int poging) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 25) * poging);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("onderbroken tijdens wachten na een gelijktijdige wijziging", e);
        }
    }
}
