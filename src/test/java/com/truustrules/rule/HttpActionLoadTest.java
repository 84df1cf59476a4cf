package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an http action may hold is decided at load: where placeholders go, and how secrets are given. */
class HttpActionLoadTest {

    @TempDir
    Path dir;

    private RuleFolder withHttp(String settings) {
        return new RuleFolder(dir).write("a.yaml", "id: a\non: [order.published]\nactions:\n  - http:\n" + settings);
    }

    @Test
    void placeholdersInTheSchemeHostOrPortAreAnError() {
        assertEquals(new RuleError("a.yaml", 5, 7, "a", "'http' url placeholders may stand in the path and query only, not in "
                + "the scheme, host or port: 'https://{escrow.metadata.host}'"),
                withHttp("      url: \"https://{escrow.metadata.host}/hook\"\n").error());
        assertEquals(new RuleError("a.yaml", 5, 7, "a", "'http' url placeholders may stand in the path and query only, not in "
                + "the scheme, host or port: 'http://127.0.0.1:{escrow.id}'"),
                withHttp("      url: \"http://127.0.0.1:{escrow.id}/hook\"\n").error());
    }

    @Test
    void placeholdersInThePathAndQueryAreFine() {
        LoadResult result = withHttp("      url: \"https://api.example/escrows/{escrow.id}?name={escrow.name}\"\n").load();
        assertTrue(result.valid(), () -> result.errors().toString());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void anEnvReferenceThatIsUnsetOrNamesAServiceSettingIsAnError() {
        assertEquals(new RuleError("a.yaml", 5, 7, "a", "'http' secret: environment variable OUTBOUND_NOT_SET (from "
                + "'env:OUTBOUND_NOT_SET') is not set"),
                withHttp("      url: https://api.example/hook\n      secret: env:OUTBOUND_NOT_SET\n").error());
        assertEquals(new RuleError("a.yaml", 5, 7, "a", "'http' header Authorization: 'env:TRUUST_ADMIN_TOKEN' names a setting "
                + "of the service itself, which a rule may not send out"),
                withHttp("      url: https://api.example/hook\n      headers: { Authorization: env:TRUUST_ADMIN_TOKEN }\n").error());
        assertEquals(new RuleError("a.yaml", 5, 7, "a", "'http' secret: 'env:1-X' does not name an environment variable "
                + "(letters, digits, '_')"), withHttp("      url: https://api.example/hook\n      secret: env:1-X\n").error());
    }

    @Test
    void envReferencesThatAreSetLoadWithoutWarnings() {
        LoadResult result = withHttp("      url: https://api.example/hook\n      secret: env:OUTBOUND_HOOK_SECRET\n"
                + "      headers: { Authorization: env:OUTBOUND_HOOK_TOKEN, X-Source: truust }\n").load();
        assertTrue(result.valid(), () -> result.errors().toString());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aLiteralSecretOrCredentialHeaderLoadsWithAWarning() {
        LoadResult result = withHttp("      url: https://api.example/hook\n      secret: whsec_c2VjcmV0\n"
                + "      headers: { Authorization: Bearer abc, X-Source: truust }\n").load();
        assertTrue(result.valid(), () -> result.errors().toString());
        assertEquals(List.of(
                new RuleError("a.yaml", 5, "a", "'http' secret is written in the rule file; refer to it as env:NAME and set "
                        + "the environment variable NAME instead"),
                new RuleError("a.yaml", 5, "a", "'http' header Authorization is written in the rule file; refer to it as "
                        + "env:NAME and set the environment variable NAME instead")), result.warnings());
    }
}
