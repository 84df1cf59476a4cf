package com.truustrules.webhook;

import com.truustrules.common.Secrets;
import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.config.TruustConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a call comes from Truust. The IP allow-list, when set, must pass; then any one
 * configured credential (secret header, path token, Standard Webhooks signature) is enough, which
 * lets a merchant move from one scheme to another without a gap.
 */
@Startup
@ApplicationScoped
public class WebhookVerifier {

    static final String OPEN_REFUSAL = "No webhook verification is configured. Set TRUUST_WEBHOOK_SECRETS, "
            + "TRUUST_WEBHOOK_PATH_TOKENS, TRUUST_WEBHOOK_HMAC_SECRETS or TRUUST_WEBHOOK_ALLOWED_IPS, "
            + "or TRUUST_WEBHOOK_ALLOW_UNVERIFIED=true to accept anyone's calls.";

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    private List<String> secrets;
    private List<String> pathTokens;
    private StandardWebhooksSignature hmac;
    private List<IpRange> allowed;
    private List<IpRange> trustedProxies;

    @PostConstruct
    void init() {
        TruustConfig.Webhook webhook = config.webhook();
        secrets = nonBlank(webhook.secrets());
        pathTokens = nonBlank(webhook.pathTokens());
        List<String> hmacSecrets = nonBlank(webhook.hmacSecrets());
        hmac = hmacSecrets.isEmpty() ? null : new StandardWebhooksSignature(hmacSecrets, webhook.hmacTolerance());
        allowed = nonBlank(webhook.allowedIps()).stream().map(IpRange::parse).toList();
        trustedProxies = nonBlank(webhook.trustedProxies()).stream().map(IpRange::parse).toList();
        refuseToRunOpen(webhook.allowUnverified());
    }

    /** The address a call comes from: the TCP peer, or X-Forwarded-For when the peer is a trusted proxy. */
    public String clientAddress(WebhookCall call) {
        String client = call.peer();
        String forwarded = call.header().apply("X-Forwarded-For");
        if (forwarded == null || !inAny(trustedProxies, client)) {
            return client;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            client = hops[i].trim();
            if (!inAny(trustedProxies, client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * What can be decided before the body is read: false when the call cannot pass whatever its body
     * (address outside the allow-list, no matching secret header or path token, no signature headers),
     * so that a flood of unauthenticated bodies is refused without reading them.
     */
    public boolean mayPass(WebhookCall call) {
        if (!allowed.isEmpty() && !inAny(allowed, clientAddress(call))) {
            return false;
        }
        if (!hasCredentialCheck()) {
            return true;
        }
        boolean signed = hmac != null && call.header().apply(StandardWebhooksSignature.ID) != null
                && call.header().apply(StandardWebhooksSignature.TIMESTAMP) != null
                && call.header().apply(StandardWebhooksSignature.SIGNATURE) != null;
        return signed || bodyIndependentCredential(call);
    }

    private boolean bodyIndependentCredential(WebhookCall call) {
        boolean ok = false;
        if (!secrets.isEmpty()) {
            ok |= Secrets.equalsAny(call.header().apply(config.webhook().secretHeader()), secrets);
        }
        if (!pathTokens.isEmpty() && call.pathToken() != null) {
            ok |= Secrets.equalsAny(call.pathToken(), pathTokens);
        }
        return ok;
    }

    public boolean verify(WebhookCall call) {
        if (!allowed.isEmpty() && !inAny(allowed, clientAddress(call))) {
            return false;
        }
        if (!hasCredentialCheck()) {
            return true;
        }
        boolean ok = bodyIndependentCredential(call);
        if (hmac != null) {
            ok |= hmac.verify(call.header().apply(StandardWebhooksSignature.ID),
                    call.header().apply(StandardWebhooksSignature.TIMESTAMP),
                    call.header().apply(StandardWebhooksSignature.SIGNATURE), call.body(), clock.instant());
        }
        return ok;
    }

    private boolean hasCredentialCheck() {
        return !secrets.isEmpty() || !pathTokens.isEmpty() || hmac != null;
    }

    private void refuseToRunOpen(boolean allowUnverified) {
        if (!mayStart(hasCredentialCheck(), !allowed.isEmpty(), allowUnverified, LaunchMode.current())) {
            throw new IllegalStateException(OPEN_REFUSAL);
        }
    }

    /** Running with no check at all (anyone may post events) needs an explicit yes, dev mode aside. */
    static boolean mayStart(boolean credentialCheck, boolean ipAllowList, boolean allowUnverified, LaunchMode mode) {
        return credentialCheck || ipAllowList || allowUnverified || mode == LaunchMode.DEVELOPMENT;
    }

    private static boolean inAny(List<IpRange> ranges, String ip) {
        return ranges.stream().anyMatch(range -> range.contains(ip));
    }

    private static List<String> nonBlank(Optional<List<String>> values) {
        return values.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
