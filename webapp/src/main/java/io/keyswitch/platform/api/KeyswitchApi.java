package io.keyswitch.platform.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API: JSON under {@code /api/v1}, authenticated by a user's API token
 * ({@code Authorization: Bearer ks_…}), limited to that user's rights, errors as RFC 9457 problems.
 * The OpenAPI document is served at {@code /openapi}.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
        info = @Info(title = "Keyswitch API", version = "1",
                description = "Projects, devices, components, users and the audit trail of the caller's account."),
        security = @SecurityRequirement(name = "token"))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token created on the portal's 'API tokens' page.")
public class KeyswitchApi extends Application {
}
