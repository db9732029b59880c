package io.keyswitch.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST resource that authenticates its callers itself (a device with its own identity and secret), so the
 * API token check ({@code BearerTokenFilter}) leaves its requests alone. The resource must refuse every request it
 * cannot authenticate.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OwnAuthentication {
}
