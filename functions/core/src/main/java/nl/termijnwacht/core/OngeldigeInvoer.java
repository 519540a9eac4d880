package nl.termijnwacht.core;

/**
 * Input that the law or the calendar does not allow. {@code veld} names the input (as in events and
 * on the command line, e.g. {@code verlenging}); the message says what is wrong, in Dutch.
 */
public final class OngeldigeInvoer extends RuntimeException {

    private final String veld;

    public OngeldigeInvoer(String veld, String reden) {
        super(reden);
        this.veld = veld;
    }

    public String veld() {
        return veld;
    }

    public String reden() {
        return getMessage();
    }
}
