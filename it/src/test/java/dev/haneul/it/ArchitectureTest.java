package dev.haneul.it;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Haneul's layering, enforced: the rules of STYLE.md and DESIGN.md as tests. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
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
    void servicesDoNotReachIntoEachOther() {
        for (String service : new String[] {"sts", "rds", "elasticache", "elbv2"}) {
            noClasses().that().resideInAPackage("dev.haneul." + service + "..")
                    .should().dependOnClassesThat(resideInAPackage("dev.haneul..")
                            .and(not(resideInAnyPackage("dev.haneul.core..", "dev.haneul." + service + ".."))))
                    .because("each service is its own module; shared code belongs in core")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void theCommandLineTalksToTheServerOverHttp() {
        noClasses().that().resideInAPackage("dev.haneul.cli..")
                .should().dependOnClassesThat(resideInAnyPackage("dev.haneul.sts..", "dev.haneul.rds..",
                        "dev.haneul.elasticache..", "dev.haneul.elbv2.."))
                .because("the CLI uses the AWS API and /_haneul/ over HTTP, never a provider's internals")
                .check(classes);
    }

    @Test
    void theDemoAndTheLabsAreClientsOfThePublicApis() {
        for (String client : new String[] {"demo", "lab"}) {
            noClasses().that().resideInAPackage("dev.haneul." + client + "..")
                    .should().dependOnClassesThat(resideInAPackage("dev.haneul..")
                            .and(not(resideInAPackage("dev.haneul." + client + ".."))))
                    .because("what the demo and the labs do, a user's script can do: AWS SDK and HTTP only")
                    .check(classes);
        }
    }
}
