package com.truustrules;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure docs/architecture.md describes: data flows webhook → event → rule → action,
 * the event side calls rules only through its own {@code InCommitProcessing}, the rule side asks
 * Truust's API ({@code truust}, which knows no rule or event), reconciliation ({@code truust.reconcile})
 * turns Truust's order list into events through the event side, admin, console and the CLI sit on top,
 * db, security, common and config below. Run: {@code ./mvnw -B test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.truustrules");

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("com.truustrules.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependenciesPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("surface").definedBy("com.truustrules.admin..", "com.truustrules.console..", "com.truustrules.cli..")
                .layer("webhook").definedBy("com.truustrules.webhook..")
                .layer("rule").definedBy("com.truustrules.rule..")
                .layer("action").definedBy("com.truustrules.action..")
                .layer("reconcile").definedBy("com.truustrules.truust.reconcile..")
                .layer("truust").definedBy("com.truustrules.truust", "com.truustrules.truust.fake..")
                .layer("event").definedBy("com.truustrules.event..")
                .layer("db").definedBy("com.truustrules.db..")
                .layer("security").definedBy("com.truustrules.security..")
                .layer("base").definedBy("com.truustrules.common..", "com.truustrules.config..")
                .whereLayer("surface").mayNotBeAccessedByAnyLayer()
                .whereLayer("webhook").mayOnlyBeAccessedByLayers("surface")
                .whereLayer("rule").mayOnlyBeAccessedByLayers("surface")
                .whereLayer("action").mayOnlyBeAccessedByLayers("surface", "rule")
                .whereLayer("reconcile").mayOnlyBeAccessedByLayers("surface")
                .whereLayer("truust").mayOnlyBeAccessedByLayers("surface", "rule", "reconcile")
                .whereLayer("event").mayOnlyBeAccessedByLayers("surface", "webhook", "rule", "action", "reconcile")
                .whereLayer("db").mayOnlyBeAccessedByLayers("surface", "webhook", "rule", "action", "event")
                .whereLayer("security").mayOnlyBeAccessedByLayers("surface", "webhook")
                .check(MAIN);
    }
}
