package org.cctvgateway.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes a byte count back as {@link HumanSize} text. */
final class SizeSerializer extends StdSerializer<Long> {
    private static final long serialVersionUID = 1L;

    SizeSerializer() {
        super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(HumanSize.format(value));
    }
}
