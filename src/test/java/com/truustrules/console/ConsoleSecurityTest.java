package com.truustrules.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import com.truustrules.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleSecurityTest {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignIn() {
        given().redirects().follow(false).get("/console/events").then().statusCode(302)
                .header("Location", endsWith("/console/sign-in"))
                .header("Content-Security-Policy", CSP);
        given().redirects().follow(false).cookie("truust_console", "forged").get("/console/events").then()
                .statusCode(302);
        given().redirects().follow(false).cookie("truust_console", Calls.ADMIN_TOKEN).get("/console/events").then()
                .statusCode(302);
    }

    @Test
    void theSignInFormAsksForTheAdminTokenUnderAStrictPolicy() {
        given().get("/console/sign-in").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .body(containsString("<label for=\"token\">Admin token</label>"))
                .body(not(containsString("<script>")))
                .body(not(containsString("style=")));
    }

    @Test
    void aWrongTokenIsRefusedAndOpensNoSession() {
        Response form = given().get("/console/sign-in");
        Response answer = given().redirects().follow(false)
                .cookie("truust_console_sign_in", form.getCookie("truust_console_sign_in"))
                .formParam("_csrf", ConsoleSignIn.csrf(form.asString())).formParam("token", "guess")
                .post("/console/sign-in");
        assertEquals(401, answer.statusCode());
        assertEquals(null, answer.getCookie("truust_console"));
        org.hamcrest.MatcherAssert.assertThat(answer.asString(), containsString("That is not the admin token."));
    }

    @Test
    void signInWithoutTheFormsTokenIsRefused() {
        given().redirects().follow(false).formParam("token", Calls.ADMIN_TOKEN).post("/console/sign-in").then()
                .statusCode(403).body(containsString("CSRF"));
        given().redirects().follow(false).cookie("truust_console_sign_in", "a").formParam("_csrf", "b")
                .formParam("token", Calls.ADMIN_TOKEN).post("/console/sign-in").then().statusCode(403);
    }

    @Test
    void theRightTokenOpensASessionWhoseCookieIsNotTheToken() {
        Response form = given().get("/console/sign-in");
        Response answer = given().redirects().follow(false)
                .cookie("truust_console_sign_in", form.getCookie("truust_console_sign_in"))
                .formParam("_csrf", ConsoleSignIn.csrf(form.asString())).formParam("token", Calls.ADMIN_TOKEN)
                .post("/console/sign-in");
        assertEquals(303, answer.statusCode());
        org.hamcrest.MatcherAssert.assertThat(answer.header("Location"), endsWith("/console/events"));
        Cookie cookie = answer.getDetailedCookie("truust_console");
        assertNotNull(cookie);
        assertNotEquals(Calls.ADMIN_TOKEN, cookie.getValue());
        assertEquals(true, cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/console", cookie.getPath());
        assertEquals(8 * 3600, cookie.getMaxAge());
        assertEquals(false, cookie.isSecured(), "plain HTTP here; Secure is set behind HTTPS");
        given().cookie("truust_console", cookie.getValue()).get("/console/events").then().statusCode(200)
                .header("Content-Security-Policy", CSP).body(containsString("<h1>Events</h1>"));
    }

    @Test
    void aFormPostWithoutItsCsrfTokenChangesNothing() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        String id = Calls.truust().body(Payloads.published("82000001")).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
        given().redirects().follow(false).cookie("truust_console", session.cookie())
                .post("/console/events/" + id + "/replay").then().statusCode(403).body(containsString("CSRF"));
        given().redirects().follow(false).cookie("truust_console", session.cookie()).formParam("_csrf", "wrong")
                .post("/console/events/" + id + "/replay").then().statusCode(403);
        given().redirects().follow(false).cookie("truust_console", session.cookie()).formParam("_csrf", "wrong")
                .post("/console/actions/retry-all").then().statusCode(403);
        given().redirects().follow(false).cookie("truust_console", session.cookie())
                .post("/console/sign-out").then().statusCode(403);
        for (String form : List.of("/console/rules/try", "/console/rules/backfill",
                "/console/actions/00000000-0000-7000-8000-000000000000/retry")) {
            given().redirects().follow(false).cookie("truust_console", session.cookie()).formParam("_csrf", "")
                    .post(form).then().statusCode(403);
        }
        given().cookie("truust_console", session.cookie()).get("/console/events").then().statusCode(200);
    }

    @Test
    void theJsonApiDoesNotTakeTheConsoleCookie() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        given().cookie("truust_console", session.cookie()).get("/api/events").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        Response answer = given().redirects().follow(false).cookie("truust_console", session.cookie())
                .formParam("_csrf", session.csrf()).post("/console/sign-out");
        assertEquals(303, answer.statusCode());
        assertEquals(0, answer.getDetailedCookie("truust_console").getMaxAge());
        given().redirects().follow(false).cookie("truust_console", session.cookie()).get("/console/events").then()
                .statusCode(302);
    }

    @Test
    void consolePathsStayCanonical() throws Exception {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        Map<String, String> cookie = Map.of("Cookie", "truust_console=" + session.cookie());
        for (String path : List.of("/console//events", "/console/x/../events", "/console/%65vents", "/console/events;x=1",
                "/console/./events")) {
            assertEquals(400, RawHttp.send("GET", path, cookie, null).status(), path);
        }
        assertEquals(200, RawHttp.send("GET", "/console/events", cookie, null).status());
    }

    @Test
    void badFormsAreExplained() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        given().cookie("truust_console", session.cookie()).formParam("_csrf", session.csrf())
                .formParam("type", "order.published").formParam("body", "{\"escrow\": ")
                .post("/console/rules/try").then().statusCode(400).body(containsString("The body is not valid JSON"));
        given().cookie("truust_console", session.cookie()).formParam("_csrf", session.csrf())
                .formParam("type", "order.published").formParam("body", "[1]")
                .post("/console/rules/try").then().statusCode(400).body(containsString("must be a JSON object"));
        given().cookie("truust_console", session.cookie()).formParam("_csrf", session.csrf())
                .formParam("rule", "no-such-rule").formParam("since", "2026-11-27T10:00").formParam("until", "2026-11-28T10:00")
                .post("/console/rules/backfill").then().statusCode(400).body(containsString("Choose a loaded rule"));
        given().cookie("truust_console", session.cookie()).formParam("_csrf", session.csrf())
                .formParam("rule", "big-orders").formParam("since", "2026-11-28T10:00").formParam("until", "2026-11-27T10:00")
                .post("/console/rules/backfill").then().statusCode(400).body(containsString("start must be before its end"));
    }

    @Test
    void badFiltersAreExplained() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        given().cookie("truust_console", session.cookie()).queryParam("status", "lost").get("/console/events").then()
                .statusCode(400).body(containsString("status must be one of"));
        given().cookie("truust_console", session.cookie()).queryParam("since", "yesterday").get("/console/events")
                .then().statusCode(400).body(containsString("a time must look like"));
        given().cookie("truust_console", session.cookie()).get("/console/events/not-an-id").then().statusCode(404)
                .body(containsString("There is no event with this id."));
    }

    @Test
    void theNewPagesAreClosedWithoutASession() {
        for (String page : List.of("/console/overview", "/console/pools", "/console/events/newer?after=0")) {
            given().redirects().follow(false).get(page).then().statusCode(302)
                    .header("Location", endsWith("/console/sign-in")).header("Content-Security-Policy", CSP);
            given().redirects().follow(false).cookie("truust_console", "forged").get(page).then().statusCode(302);
        }
        given().redirects().follow(false).formParam("_csrf", "x").post("/console/samples/order-published").then()
                .statusCode(302).header("Location", endsWith("/console/sign-in"));
    }

    @Test
    void theNewPagesRenderUnderTheStrictPolicy() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        for (String page : List.of("/console/overview", "/console/pools")) {
            given().cookie("truust_console", session.cookie()).get(page).then().statusCode(200)
                    .header("Content-Security-Policy", CSP).header("X-Frame-Options", "DENY")
                    .body(not(containsString("<script>"))).body(not(containsString("style=")));
        }
        given().cookie("truust_console", session.cookie()).get("/console/events").then().statusCode(200)
                .body(containsString("<script src=\"/console/static/console.js\" defer></script>"))
                .body(containsString("data-live-after="));
        given().get("/console/static/console.js").then().statusCode(200).header("Content-Security-Policy", CSP)
                .body(containsString("/console/events/newer?after="));
    }

    @Test
    void liveUpdatesAnswerOnlyRowsNewerThanAsked() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        String id = Calls.truust().header("webhook-id", java.util.UUID.randomUUID().toString())
                .body(Payloads.published("82000011")).post("/webhooks/truust/order-published").then().statusCode(202)
                .extract().path("id");
        long seq = ((Number) Calls.admin().get("/api/events/" + id).then().statusCode(200).extract().path("seq")).longValue();
        given().cookie("truust_console", session.cookie()).queryParam("after", seq - 1).get("/console/events/newer")
                .then().statusCode(200).body(containsString("data-seq=\"" + seq + "\""))
                .body(containsString("/console/events/" + id));
        given().cookie("truust_console", session.cookie()).queryParam("after", seq + 1000).get("/console/events/newer")
                .then().statusCode(200).body(not(containsString("event-row")));
        given().cookie("truust_console", session.cookie()).queryParam("after", "-1").get("/console/events/newer")
                .then().statusCode(400);
        given().cookie("truust_console", session.cookie()).queryParam("after", "x").get("/console/events/newer")
                .then().statusCode(404);
    }

    @Test
    void theSampleButtonNeedsItsCsrfTokenAndGoesThroughVerification() {
        ConsoleSignIn.Session session = ConsoleSignIn.signIn();
        String before = newestEvent();
        given().redirects().follow(false).cookie("truust_console", session.cookie())
                .post("/console/samples/order-published").then().statusCode(403).body(containsString("CSRF"));
        given().redirects().follow(false).cookie("truust_console", session.cookie()).formParam("_csrf", "wrong")
                .post("/console/samples/order-published").then().statusCode(403);
        given().redirects().follow(false).cookie("truust_console", session.cookie()).formParam("_csrf", session.csrf())
                .post("/console/samples/no-such-sample").then().statusCode(404);
        assertEquals(before, newestEvent(), "a refused press stores nothing");
        given().redirects().follow(false).cookie("truust_console", session.cookie()).formParam("_csrf", session.csrf())
                .post("/console/samples/order-released").then().statusCode(303)
                .header("Location", endsWith("/console/events?sent=order-released&answer=202"));
        String sent = newestEvent();
        assertNotEquals(before, sent);
        assertEquals("order.released", Calls.admin().get("/api/events/" + sent).then().extract().path("type"));
        given().cookie("truust_console", session.cookie()).queryParam("sent", "order-released").queryParam("answer", "202")
                .get("/console/events").then().statusCode(200)
                .body(containsString("Sent the sample order-released to /webhooks/truust/order-released: HTTP 202"));
        given().cookie("truust_console", session.cookie()).queryParam("sent", "<b>x</b>").queryParam("answer", "202")
                .get("/console/events").then().statusCode(200).body(not(containsString("Sent the sample")));
    }

    @Test
    void theSampleButtonIsBuiltIntoDevAndTestBuildsOnly() {
        for (Class<?> type : List.of(com.truustrules.console.samples.SampleFiles.class,
                com.truustrules.console.samples.SamplesResource.class)) {
            io.quarkus.arc.profile.IfBuildProfile only = type.getAnnotation(io.quarkus.arc.profile.IfBuildProfile.class);
            assertNotNull(only, type.getName());
            assertEquals(List.of("dev", "test"), List.of(only.anyOf()), type.getName());
            assertEquals("", only.value(), type.getName());
        }
    }

    private static String newestEvent() {
        return Calls.admin().queryParam("limit", 1).get("/api/events").then().statusCode(200).extract().path("items[0].id");
    }
}
