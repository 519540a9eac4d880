package nl.termijnwacht.aws;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Another writer stored a newer version of an item between its read and this write (optimistic locking).
 * {@link #herhaal} is the one place that writes back under a version: every function that reads, decides and
 * writes an item goes through it. After {@value #POGINGEN} tries the caller gives up: for an event Lambda's retry
 * takes over, for a scanner it is another run advancing the same item, not a fault (docs/architectuur.md,
 * "Exactly once").
 */
public abstract class Versieconflict extends RuntimeException {

    /** Concurrent writers of one item are rare; past this many conflicts the caller's own retry takes over. */
    public static final int POGINGEN = 8;

    protected Versieconflict(String bericht) {
        super(bericht, null, false, false);
    }

    /**
     * Runs {@code werk} on the item as read; {@code werk} decides and writes with a version check. When another
     * writer came first, the item is read again with {@code lees} and the work is redone on what is stored now.
     *
     * @param gelezen the item as read already (null when it is gone)
     * @param lees    reads the item again (null when it is gone)
     * @param werk    decides and writes; gets null when the item is gone; throws a {@link Versieconflict} when
     *                the stored version moved on
     * @return what {@code werk} returned on the try that was not overtaken
     * @throws Versieconflict after {@value #POGINGEN} conflicts
     */
    public static <T, R> R herhaal(T gelezen, Supplier<T> lees, Function<T, R> werk) {
        T item = gelezen;
        for (int poging = 1; ; poging++) {
            try {
                return werk.apply(item);
            } catch (Versieconflict conflict) {
                if (poging == POGINGEN) {
                    throw conflict;
                }
                wacht(poging);
                item = lees.get();
            }
        }
    }

    /** {@link #herhaal(Object, Supplier, Function)} that reads the item first. */
    public static <T, R> R herhaal(Supplier<T> lees, Function<T, R> werk) {
        return herhaal(lees.get(), lees, werk);
    }

    /** Before trying again after a conflict: a short random wait that grows per attempt, so writers spread out. */
    static void wacht(int poging) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * poging);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("onderbroken tijdens wachten na een gelijktijdige wijziging", e);
        }
    }
}
