package org.cctvgateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/** Reads {@link HumanSize} strings ({@code 512KiB}) or plain byte counts into a {@code Long}. */
final class SizeDeserializer extends StdScalarDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    SizeDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Long) ctxt.handleUnexpectedToken(Long.class, p);
        }
        try {
            return HumanSize.parse(p.getText());
        } catch (IllegalArgumentException e) {
            throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Long.class);
        }
    }
}
