package com.truustrules.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Request templates for the credentials configured in the test profile. */
public final class Calls {

    public static final String SECRET = "test-secret-new";
    public static final String OLD_SECRET = "test-secret-old";
    public static final String PATH_TOKEN = "test-path-token";
    public static final String HMAC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String ADMIN_TOKEN = "test-admin-token";

    private Calls() {
    }

    public static RequestSpecification truust() {
        return given().contentType("application/json").header("X-Truust-Secret", SECRET);
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }
}
