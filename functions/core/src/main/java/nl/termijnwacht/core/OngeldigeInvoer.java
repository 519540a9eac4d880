package nl.termijnwacht.core;

/**
 * Input that the law or the calendar does not allow. {@code veld} names the input (as in events and
 * on the command line, e.g. {@code verlenging}); the message says what is wrong, in Dutch.
 */
public final class OngeldigeInvoer extends RuntimeException {

    /** The longest excerpt of a value a reason quotes: a reason travels in queues and must stay small. */
    public static final int CITAAT_LENGTE = 40;

    private final String veld;

    public OngeldigeInvoer(String veld, String reden) {
        super(reden, null, false, false); // an expected outcome: no stack trace to fill
        this.veld = veld;
    }

    public String veld() {
        return veld;
    }

    public String reden() {
        return getMessage();
    }

    /**
     * A value as a reason may quote it: control characters and bidirectional marks removed, at most
     * {@link #CITAAT_LENGTE} characters, in quotes. Untrusted input never reaches a reason whole.
     */
    public static String citaat(String waarde) {
        if (waarde == null) {
            return "''";
        }
        StringBuilder s = new StringBuilder(Math.min(waarde.length(), CITAAT_LENGTE + 1));
        int i = 0;
        boolean weggelaten = false;
        while (i < waarde.length() && s.length() < CITAAT_LENGTE) {
            int cp = waarde.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                    && type != Character.PRIVATE_USE && type != Character.SURROGATE) {
                s.appendCodePoint(cp);
            } else {
                weggelaten = true;
            }
        }
        // say so when invisible characters were dropped: otherwise a normal-looking value seems rejected for nothing
        return "'" + s + (i < waarde.length() ? "…" : "") + "'" + (weggelaten ? " (met onzichtbare tekens)" : "");
    }
}
