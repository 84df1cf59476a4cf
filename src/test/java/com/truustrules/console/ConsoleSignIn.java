package com.truustrules.console;

import static io.restassured.RestAssured.given;

import com.truustrules.support.Calls;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to the console over plain HTTP, as a browser would: the form's cookie and token, then the session. */
final class ConsoleSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A session cookie and the CSRF token its pages carry. */
    record Session(String cookie, String csrf) {
    }

    private ConsoleSignIn() {
    }

    static Session signIn() {
        Response form = given().get("/console/sign-in");
        String formCookie = form.getCookie("truust_console_sign_in");
        Response answer = given().redirects().follow(false).cookie("truust_console_sign_in", formCookie)
                .formParam("_csrf", csrf(form.asString())).formParam("token", Calls.ADMIN_TOKEN)
                .post("/console/sign-in");
        String session = answer.getCookie("truust_console");
        String page = given().cookie("truust_console", session).get("/console/events").asString();
        return new Session(session, csrf(page));
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in " + html);
        }
        return m.group(1);
    }
}
