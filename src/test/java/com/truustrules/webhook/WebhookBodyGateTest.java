package com.truustrules.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Calls;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 2: what does not depend on the body is decided before the body is read. Each call
 * here sends its headers and no body byte: an answer that arrives anyway was given unread.
 */
@QuarkusTest
class WebhookBodyGateTest {

    @Test
    void noSecretIsRefusedBeforeTheBodyIsSent() throws IOException {
        String answer = headersOnly("/webhooks/truust/order-published", "Content-Length: 100000\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("the call could not be verified"), answer);
    }

    @Test
    void aWrongPathTokenOrSecretIsRefusedBeforeTheBodyIsSent() throws IOException {
        assertTrue(headersOnly("/webhooks/truust/t/guessed/order-published", "Content-Length: 10\r\n").startsWith("HTTP/1.1 401"));
        assertTrue(headersOnly("/webhooks/truust", "X-Truust-Secret: wrong\r\nTransfer-Encoding: chunked\r\n")
                .startsWith("HTTP/1.1 401"));
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsSent() throws IOException {
        String answer = headersOnly("/webhooks/truust/t/" + Calls.PATH_TOKEN, "Content-Length: 5000\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("the body is larger than 4096 bytes"), answer);
    }

    @Test
    void aSignedCallIsHeardOutSinceItsSignatureCoversTheBody() throws IOException {
        String signed = "webhook-id: msg_1\r\nwebhook-timestamp: 1\r\nwebhook-signature: v1,AAAA\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n";
        try (Socket socket = open("/webhooks/truust", signed)) {
            socket.setSoTimeout(1500);
            assertNoAnswerYet(socket.getInputStream());
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        }
    }

    private static void assertNoAnswerYet(InputStream in) throws IOException {
        try {
            int read = in.read();
            throw new AssertionError("the server answered (or closed: " + read + ") before the body came");
        } catch (SocketTimeoutException expected) {
            // Still waiting for the body, as it should.
        }
    }

    private static String headersOnly(String path, String headers) throws IOException {
        try (Socket socket = open(path, headers)) {
            socket.setSoTimeout(5_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Socket open(String path, String headers) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers + "\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }
}
