package io.keyswitch.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.enterprise.context.Initialized;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package graph as rules, so that it stays a graph and not a knot. A feature (a package below
 * {@code io.keyswitch}) with its inner packages is one slice; each feature's {@code web} and {@code api} packages
 * are adapters, slices of their own, which may compose several features (the device page shows grants and VPN
 * state) but on which no feature depends.
 */
@DisplayName("The package graph")
class PackageGraphTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keyswitch");

    @Test
    @DisplayName("has no cycle between features, nor between a feature and the adapters")
    void noCycles() {
        slices().assignedFrom(new FeaturesAndAdapters()).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    @DisplayName("platform, the kernel every feature uses, depends on no feature")
    void platformIsTheBottom() {
        noClasses().that().resideInAPackage("io.keyswitch.platform..")
                .should().dependOnClassesThat(new FeatureClass())
                .check(MAIN);
    }

    @Test
    @DisplayName("no feature depends on a page or an API resource (adapters sit on top)")
    void adaptersOnTop() {
        noClasses().that(new FeatureClass()).and(not(adapter()))
                .should().dependOnClassesThat(adapter())
                .check(MAIN);
    }

    @Test
    @DisplayName("the start-up steps observe PortalStarted, after the schema migration; only PortalStartup sees the deployment start")
    void startupRunsAfterMigration() {
        methods().that().areDeclaredInClassesThat().resideInAPackage("io.keyswitch..")
                .should(new ArchCondition<JavaMethod>("not observe the application scope's @Initialized unless it is PortalStartup") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean observesStart = method.getParameters().stream()
                                .anyMatch(p -> p.isAnnotatedWith(Initialized.class));
                        if (observesStart && !method.getOwner().isEquivalentTo(PortalStartup.class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " observes @Initialized: observe PortalStarted with a StartupOrder priority instead"));
                        }
                    }
                })
                .check(MAIN);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> adapter() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("an adapter (a feature's web or api package)",
                c -> FeaturesAndAdapters.isAdapter(c.getPackageName()));
    }

    private static <T> com.tngtech.archunit.base.DescribedPredicate<T> not(com.tngtech.archunit.base.DescribedPredicate<T> p) {
        return com.tngtech.archunit.base.DescribedPredicate.not(p);
    }

    /** A class of a feature: below {@code io.keyswitch}, outside {@code platform}. */
    private static final class FeatureClass extends com.tngtech.archunit.base.DescribedPredicate<JavaClass> {
        FeatureClass() {
            super("a feature's class (outside io.keyswitch.platform)");
        }

        @Override
        public boolean test(JavaClass c) {
            String p = c.getPackageName();
            return p.startsWith("io.keyswitch.") && !p.equals("io.keyswitch.platform") && !p.startsWith("io.keyswitch.platform.");
        }
    }

    /**
     * {@code io.keyswitch.<feature>[.inner…]} is the slice {@code <feature>}; {@code <feature>.web|api[…]} its own.
     * Platform's web and api packages are the kernel's, for every adapter: part of the slice {@code platform}.
     */
    static final class FeaturesAndAdapters implements SliceAssignment {

        static boolean isAdapter(String packageName) {
            String[] parts = packageName.split("\\.");
            return parts.length > 3 && parts[0].equals("io") && parts[1].equals("keyswitch") && !parts[2].equals("platform")
                    && (parts[3].equals("web") || parts[3].equals("api"));
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String[] parts = c.getPackageName().split("\\.");
            if (parts.length < 3 || !parts[0].equals("io") || !parts[1].equals("keyswitch")) {
                return SliceIdentifier.ignore();
            }
            return isAdapter(c.getPackageName()) ? SliceIdentifier.of(parts[2] + "." + parts[3]) : SliceIdentifier.of(parts[2]);
        }

        @Override
        public String getDescription() {
            return "features and their web and api adapters";
        }
    }
}
