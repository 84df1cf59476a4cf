package com.truustrules.security;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's word on security: /api/** takes the admin token as a bearer token (the
 * operations behind @RolesAllowed get the requirement added by Quarkus); the webhook is verified otherwise.
 */
@SecurityScheme(securitySchemeName = AdminApiDocs.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <TRUUST_ADMIN_TOKEN>")
public class AdminApiDocs extends Application {

    static final String SCHEME = "admin-token";
}
