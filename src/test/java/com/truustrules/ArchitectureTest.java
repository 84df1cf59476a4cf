package com.truustrules;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionRunner;
import com.truustrules.action.ActionType;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The package structure docs/architecture.md describes: data flows webhook → event → rule → action,
 * the event side calls rules only through its own {@code InCommitProcessing}, the rule side asks
 * Truust's API ({@code truust}, which knows no rule or event), reconciliation ({@code truust.reconcile})
 * turns Truust's order list into events through the event side, admin, console and the CLI sit on top,
 * db, security, common and config below; SQL is written only by db and the packages that own the
 * tables (event, rule, action, and truust.reconcile for its own reconcile_run). Run: {@code ./mvnw -B test -Dtest=ArchitectureTest}.
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

    /**
     * Admin, console and the rest read and write tables only through the owners' classes (e.g.
     * {@code EventReads}, {@code JobReads}, {@code FiringReads}, {@code ActionJobs}) or Panache entities:
     * no connection, statement or data source of their own. A {@code throws SQLException} may pass through.
     */
    @Test
    void onlyDbAndTheTableOwnersUseJdbc() {
        noClasses().that().resideOutsideOfPackages("com.truustrules.db..", "com.truustrules.event..",
                "com.truustrules.rule..", "com.truustrules.action..", "com.truustrules.truust.reconcile..")
                .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                        .and(not(equivalentTo(SQLException.class))))
                .check(MAIN);
    }

    /**
     * A new action kind is one folder, action/&lt;kind&gt;, plus its line in {@link ActionKind}: its type
     * (name, settings, load check) is named by nothing else, its runner by nothing outside the action
     * package (the dispatcher finds runners as CDI beans, by their {@code kind()}).
     */
    @Test
    void eachActionKindLivesInItsOwnPackage() {
        classes().that().implement(ActionType.class).should(beNamedOnlyByTheirPackageAndTheRegistry()).check(MAIN);
        classes().that().implement(ActionRunner.class).should().onlyHaveDependentClassesThat()
                .resideInAPackage("com.truustrules.action..").check(MAIN);
    }

    private static ArchCondition<JavaClass> beNamedOnlyByTheirPackageAndTheRegistry() {
        return new ArchCondition<>("be named only by their own package and ActionKind") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (Dependency dependency : type.getDirectDependenciesToSelf()) {
                    JavaClass from = dependency.getOriginClass();
                    if (!from.getPackageName().equals(type.getPackageName()) && !from.isEquivalentTo(ActionKind.class)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
