package com.truustrules.security;

import com.truustrules.support.ItConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The path attacks of issue 9 (defect 1) against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(ItConfig.class)
class AdminPathAttackIT extends AdminPathAttackTest {
}
