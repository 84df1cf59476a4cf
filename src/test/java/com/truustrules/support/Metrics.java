package com.truustrules.support;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

/** Reads one sample from the Prometheus text at /q/metrics. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the sample with this name carrying every given label (k="v"); 0 when it is not there yet. */
    public static double value(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> labelsOf(line).contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static String labelsOf(String line) {
        int open = line.indexOf('{');
        return open < 0 ? "" : line.substring(open, line.indexOf('}') + 1);
    }
}
