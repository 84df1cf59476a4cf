package com.truustrules.truust;

import java.util.HashMap;
import java.util.Map;

/** The enrichment rules with confirmation switched off (TRUUST_API_CONFIRM=false): only rules that read Truust's facts ask. */
public class UnconfirmedOffProfile extends EnrichmentProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("truust.api.confirm", "false");
        return config;
    }
}
