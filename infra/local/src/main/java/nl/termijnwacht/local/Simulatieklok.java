package nl.termijnwacht.local;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the local runner and the tests set by hand, to replay a quarter in seconds. */
public final class Simulatieklok extends Clock {

    private volatile Instant nu;

    public Simulatieklok(Instant start) {
        this.nu = start;
    }

    public void zet(Instant moment) {
        this.nu = moment;
    }

    @Override
    public Instant instant() {
        return nu;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Termijnwacht werkt in UTC-instants; tijdzones staan in de configuratie");
    }
}
