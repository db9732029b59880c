package io.keyswitch.platform.api;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.regex.Pattern;

/**
 * Parameters of the API that are booleans or whole numbers are read strictly: a boolean is {@code true} or
 * {@code false} (JAX-RS' own reading takes anything else, {@code 1} and {@code yes} included, as {@code false}), a
 * number is decimal digits that fit the type (JAX-RS answers 404 for a query parameter it cannot read). Anything else
 * is a 400 problem that names the parameter. Boxed types only: JAX-RS reads primitives without asking converters.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,19}");

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) new Converter<>(value -> switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw BadRequest.of(name, name + " is true or false, not '" + shown(value) + "'.");
            });
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(value -> (int) whole(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new Converter<>(value -> whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        return null;
    }

    private static long whole(String name, String value, long min, long max) {
        if (WHOLE.matcher(value).matches()) {
            try {
                long n = Long.parseLong(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException tooBig) {
                // fall through: out of range
            }
        }
        throw BadRequest.of(name, name + " is a whole number from " + min + " to " + max + ", not '" + shown(value) + "'.");
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            } else if (a instanceof PathParam p) {
                return p.value();
            } else if (a instanceof HeaderParam h) {
                return h.value();
            } else if (a instanceof FormParam f) {
                return f.value();
            } else if (a instanceof MatrixParam m) {
                return m.value();
            } else if (a instanceof CookieParam c) {
                return c.value();
            }
        }
        return "parameter";
    }

    /** Reads one parameter; writing it back is plain {@code toString}. */
    private record Converter<T>(java.util.function.Function<String, T> read) implements ParamConverter<T> {
        @Override
        public T fromString(String value) {
            if (value == null) {
                throw new IllegalArgumentException("no value");
            }
            return read.apply(value);
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
