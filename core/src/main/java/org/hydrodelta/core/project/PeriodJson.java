package org.hydrodelta.core.project;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import org.hydrodelta.core.data.Period;

/**
 * JSON form of a {@link Period} in project and run files: {@code {"start": "1980-10-01", "end": "1995-09-30"}}
 * with the end day included, as hydrologists write periods, and an optional {@code "warmupStart"} (first day of
 * the model's warm-up when the period is scored); in memory periods are half-open.
 */
final class PeriodJson {
    private PeriodJson() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("hydrodelta-period");
        m.addSerializer(Period.class, new JsonSerializer<>() {
            @Override
            public void serialize(Period p, JsonGenerator g, SerializerProvider sp) throws IOException {
                g.writeStartObject();
                g.writeStringField("start", p.start().toString());
                g.writeStringField("end", p.lastDay().toString());
                if (p.warmupStart() != null) {
                    g.writeStringField("warmupStart", p.warmupStart().toString());
                }
                g.writeEndObject();
            }
        });
        m.addDeserializer(Period.class, new JsonDeserializer<>() {
            @Override
            public Period deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                JsonNode n = parser.readValueAsTree();
                if (n == null || !n.isObject()) {
                    throw new IllegalArgumentException("a period must be an object {\"start\": \"YYYY-MM-DD\", "
                            + "\"end\": \"YYYY-MM-DD\"}");
                }
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!key.equals("start") && !key.equals("end") && !key.equals("warmupStart")) {
                        throw new IllegalArgumentException("unknown key '" + key + "' in a period (known: start, end,"
                                + " warmupStart)");
                    }
                }
                Period p = Period.inclusive(date(n, "start"), date(n, "end"));
                return n.has("warmupStart") ? p.withWarmupStart(date(n, "warmupStart")) : p;
            }
        });
        return m;
    }

    private static LocalDate date(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("a period needs '" + key + "' as \"YYYY-MM-DD\"");
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("period " + key + " '" + v.asText() + "' is not a date (YYYY-MM-DD)", e);
        }
    }
}
