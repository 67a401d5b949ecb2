package dev.haneul.it;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.haneul.core.api.ServiceProviderFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Haneul's layering, enforced: the rules of STYLE.md and DESIGN.md as tests. */
class ArchitectureTest {

    private static JavaClasses classes;
    /** The root package of every service, derived from the factories the server loads. */
    private static List<String> services;

    @BeforeAll
    static void importClasses() {
        services = ServiceLoader.load(ServiceProviderFactory.class).stream()
                .map(provider -> provider.type().getPackageName())
                .map(name -> name.substring(0, name.indexOf('.', "dev.haneul.".length())))
                .toList();
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.haneul");
    }

    @Test
    void coreKnowsNoService() {
        noClasses().that().resideInAPackage("dev.haneul.core..")
                .should().dependOnClassesThat(resideInAPackage("dev.haneul..").and(not(resideInAPackage("dev.haneul.core.."))))
                .because("core is shared by every service and must not know any of them")
                .check(classes);
    }

    @Test
    void dataPlanesNeverImportTheControlPlane() {
        noClasses().that().resideInAnyPackage("..dataplane..", "..endpoint..", "dev.haneul.core.proxy..", "dev.haneul.core.netty..")
                .should().dependOnClassesThat(resideInAnyPackage("..api..", "dev.haneul.core.gateway.."))
                .because("data planes carry bytes; the AWS API drives them through narrow interfaces, never the reverse")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void everyServiceIsFoundOnTheClassPath() {
        assertThat(services).contains("dev.haneul.sts", "dev.haneul.rds", "dev.haneul.elasticache", "dev.haneul.elbv2");
    }

    @Test
    void servicesDoNotReachIntoEachOther() {
        for (String service : services) {
            noClasses().that().resideInAPackage(service + "..")
                    .should().dependOnClassesThat(resideInAPackage("dev.haneul..")
                            .and(not(resideInAnyPackage("dev.haneul.core..", service + ".."))))
                    .because("each service is its own module; services meet through core's ResourceRegistry")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void onlyTheServerAndTheServicesThemselvesKnowAService() {
        String[] servicePackages = services.stream().map(s -> s + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage("dev.haneul.cli..", "dev.haneul.dashboard..", "dev.haneul.apps..",
                        "dev.haneul.server..", "dev.haneul.testing..")
                .should().dependOnClassesThat(resideInAnyPackage(servicePackages))
                .because("services are found through ServiceLoader and reached through the AWS API; "
                        + "nothing else names one (docs/adding-a-service.md)")
                .check(classes);
    }

    @Test
    void theDemoAndTheLabsAreClientsOfThePublicApis() {
        for (String client : new String[] {"demo", "lab"}) {
            noClasses().that().resideInAPackage("dev.haneul." + client + "..")
                    .and().doNotHaveFullyQualifiedName(MIGRATION_SOURCE)
                    .should().dependOnClassesThat(resideInAPackage("dev.haneul..")
                            .and(not(resideInAPackage("dev.haneul." + client + ".."))))
                    .because("what the demo and the labs do, a user's script can do: AWS SDK and HTTP only")
                    .check(classes);
        }
    }

    /**
     * The migration lab's source database stands in for an on-premises MySQL, which is not an AWS
     * resource and has no API: the lab starts a plain {@code mariadbd} for it, with the engine and
     * process classes a user's own script would replace with its database. It may use those two
     * packages and nothing else of Haneul.
     */
    private static final String MIGRATION_SOURCE = "dev.haneul.lab.SourceDatabase";

    @Test
    void theMigrationLabsSourceDatabaseUsesOnlyTheEngineAndProcessClasses() {
        noClasses().that().haveFullyQualifiedName(MIGRATION_SOURCE)
                .should().dependOnClassesThat(resideInAPackage("dev.haneul..")
                        .and(not(resideInAnyPackage("dev.haneul.lab..", "dev.haneul.core.engine..",
                                "dev.haneul.core.process.."))))
                .because("an on-premises database is started, not an AWS resource reached behind the API")
                .check(classes);
    }
}
