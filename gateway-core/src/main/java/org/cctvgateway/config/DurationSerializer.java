package org.cctvgateway.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;

/** Writes {@link Duration} back as {@link HumanDuration} text. */
final class DurationSerializer extends StdSerializer<Duration> {
    private static final long serialVersionUID = 1L;

    DurationSerializer() {
        super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(HumanDuration.format(value));
    }
}
