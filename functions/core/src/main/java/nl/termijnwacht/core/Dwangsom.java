package nl.termijnwacht.core;

import java.time.LocalDate;

/**
 * Penalty for a late decision (Awb 4:17), from a valid ingebrekestelling.
 *
 * @param ingebrekestelling     day the written notice of default was received (I)
 * @param eersteDag             first penalty day (I + 14)
 * @param laatsteDag            42nd penalty day: the maximum
 * @param dagen                 penalty days counted up to the peildatum or the day before the besluit
 * @param bedrag                whole euros owed for those days
 * @param vaststellenUiterlijk  the penalty decision (Awb 4:18) is due by this day
 */
public record Dwangsom(LocalDate ingebrekestelling, LocalDate eersteDag, LocalDate laatsteDag, int dagen, int bedrag,
                       LocalDate vaststellenUiterlijk) {

    public static final int MAXIMUM_DAGEN = 42;
    public static final int MAXIMUM_BEDRAG = 1442;

    /** Awb 4:17 lid 2: €23 a day for days 1–14, €35 for 15–28, €45 for 29–42. */
    public static int bedragVoor(int dagen) {
        int d = Math.max(0, Math.min(dagen, MAXIMUM_DAGEN));
        return 23 * Math.min(d, 14) + 35 * Math.max(0, Math.min(d, 28) - 14) + 45 * Math.max(0, d - 28);
    }
}
