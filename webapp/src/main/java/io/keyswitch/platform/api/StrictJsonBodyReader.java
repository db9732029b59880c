package io.keyswitch.platform.api;

import io.keyswitch.platform.Utf8;
import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * The one way the API reads a JSON body: UTF-8 only (a declared charset must say so; bytes that are not UTF-8 are
 * refused, never replaced), at most {@link #MAX_BYTES}, one JSON value without duplicate keys, and of exactly the
 * shape of the record it is read into ({@link JsonShape}); only then is it bound with JSON-B. Every refusal is a 400
 * problem naming the field (413 for a body too big). An empty body is {@code null}: the resource says what to send.
 * Its priority puts it before the JSON-B reader Payara registers for the same media types.
 */
@Provider
@Priority(1)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonBodyReader implements MessageBodyReader<Object> {

    /** The largest JSON body the API reads. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    /** JSON-B, made at the first body (the container's implementation). */
    private static final class Binding {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() || Collection.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw BadRequest.of("Content-Type", "Send JSON in UTF-8 (charset=utf-8, or no charset), not " + charset + ".");
        }
        byte[] bytes = Bodies.read(entityStream, MAX_BYTES);
        String text;
        try {
            text = Utf8.decode(bytes);
        } catch (Utf8.Invalid e) {
            throw BadRequest.of("body", "The body is not UTF-8 at byte " + (e.offset() + 1) + ": send UTF-8 text.");
        }
        if (text.isBlank()) {
            return null;
        }
        JsonValue json;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            json = reader.readValue();
        } catch (JsonParsingException e) {
            throw BadRequest.of("body", "The body is not JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            throw BadRequest.of("body", "The body is not one JSON value without repeated fields: " + e.getMessage());
        }
        Map<String, String> problems = JsonShape.problems(json, genericType);
        if (!problems.isEmpty()) {
            throw new BadRequest(problems);
        }
        try {
            return Binding.JSONB.fromJson(text, genericType);
        } catch (JsonbException e) {
            throw BadRequest.of("body", "The body does not have the fields expected.");
        }
    }
}
