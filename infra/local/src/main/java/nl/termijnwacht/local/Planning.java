package nl.termijnwacht.local;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler cron expression ({@code cron(minutes hours day-of-month month day-of-week year)})
 * in its time zone, as template.yaml gives it, so the simulator runs each scheduled function when AWS would.
 * Supports what schedules use: numbers, {@code *}, {@code ?}, lists, ranges, increments ({@code 0/15}) and
 * day and month names. Not supported ({@code L}, {@code W}, {@code #}) is an error, not a silent guess.
 */
public final class Planning {

    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> DAGEN = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<String> MAANDEN = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    private final String expressie;
    private final ZoneId zone;
    private final BitSet minuten;
    private final BitSet uren;
    private final BitSet dagVanMaand;
    private final BitSet maanden;
    private final BitSet weekdagen; // 1 = SUN … 7 = SAT, as in EventBridge
    private final boolean elkeDagVanMaand;
    private final boolean elkeWeekdag;

    private Planning(String expressie, ZoneId zone) {
        Matcher m = CRON.matcher(expressie.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("geen cron-expressie: " + expressie);
        }
        String[] velden = m.group(1).strip().split("\\s+");
        if (velden.length != 6) {
            throw new IllegalArgumentException(expressie + ": verwacht zes velden (minuten uren dag maand weekdag jaar)");
        }
        this.expressie = expressie;
        this.zone = zone;
        minuten = veld(velden[0], 0, 59, List.of(), expressie);
        uren = veld(velden[1], 0, 23, List.of(), expressie);
        elkeDagVanMaand = velden[2].equals("?") || velden[2].equals("*");
        dagVanMaand = veld(velden[2], 1, 31, List.of(), expressie);
        maanden = veld(velden[3], 1, 12, MAANDEN, expressie);
        elkeWeekdag = velden[4].equals("?") || velden[4].equals("*");
        weekdagen = veld(velden[4], 1, 7, DAGEN, expressie);
        if (!velden[5].equals("*")) {
            throw new IllegalArgumentException(expressie + ": alleen '*' als jaar wordt ondersteund");
        }
    }

    public static Planning van(String expressie, ZoneId zone) {
        return new Planning(expressie, zone);
    }

    /** Does the schedule fire at this minute (seconds ignored)? */
    public boolean vuurtOp(Instant moment) {
        ZonedDateTime t = moment.atZone(zone);
        int weekdag = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
        boolean dag = elkeDagVanMaand && elkeWeekdag || (!elkeDagVanMaand && dagVanMaand.get(t.getDayOfMonth()))
                || (!elkeWeekdag && weekdagen.get(weekdag));
        return minuten.get(t.getMinute()) && uren.get(t.getHour()) && maanden.get(t.getMonthValue()) && dag;
    }

    /** Does it fire at a minute after {@code na} up to and including {@code tot}? (One simulation step.) */
    public boolean vuurtTussen(Instant na, Instant tot) {
        Instant t = na.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (; !t.isAfter(tot); t = t.plus(1, ChronoUnit.MINUTES)) {
            if (vuurtOp(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return expressie + " (" + zone + ")";
    }

    private static BitSet veld(String tekst, int min, int max, List<String> namen, String expressie) {
        BitSet bits = new BitSet(max + 1);
        if (tekst.equals("*") || tekst.equals("?")) {
            bits.set(min, max + 1);
            return bits;
        }
        for (String deel : tekst.split(",")) {
            String[] stap = deel.split("/", 2);
            int van;
            int tot;
            if (stap[0].equals("*")) {
                van = min;
                tot = max;
            } else if (stap[0].contains("-")) {
                String[] r = stap[0].split("-", 2);
                van = waarde(r[0], namen, min, max, expressie);
                tot = waarde(r[1], namen, min, max, expressie);
            } else {
                van = waarde(stap[0], namen, min, max, expressie);
                tot = stap.length == 2 ? max : van;
            }
            int elke = stap.length == 2 ? waarde(stap[1], List.of(), 1, max, expressie) : 1;
            for (int i = van; i <= tot; i += elke) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int waarde(String tekst, List<String> namen, int min, int max, String expressie) {
        int index = namen.indexOf(tekst.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + 1;
        }
        try {
            int n = Integer.parseInt(tekst);
            if (n < min || n > max) {
                throw new IllegalArgumentException(expressie + ": " + tekst + " ligt buiten " + min + "–" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expressie + ": '" + tekst + "' wordt niet ondersteund (alleen getallen, namen, *, ?, lijsten, bereiken en /)");
        }
    }
}
