package dev.backprop;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.backprop.tensor.Matrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package table of DESIGN.md section 4, enforced on the main classes (tests excluded). Packages that have no
 * classes yet (model, spark, ...) are allowed: the rules then hold vacuously until the package appears.
 */
class ArchitectureTest {

    private static final String[] SPARK_SCALA_HADOOP = {"org.apache.spark..", "scala..", "org.apache.hadoop.."};

    static final ArchRule ONLY_SPARK_AND_CLI_USE_SPARK_SCALA_OR_HADOOP = noClasses()
            .that().resideInAPackage("dev.backprop..")
            .and().resideOutsideOfPackages("dev.backprop.spark..", "dev.backprop.cli..")
            .should().dependOnClassesThat().resideInAnyPackage(SPARK_SCALA_HADOOP)
            .because("the engine (tensor, autodiff, nn, loss, optim, data, model, metrics, train) must run"
                    + " without Spark; only spark and cli may import Spark, Scala or Hadoop (DESIGN.md section 4)")
            .allowEmptyShould(true);

    static final ArchRule NOTHING_DEPENDS_ON_CLI = noClasses()
            .that().resideInAPackage("dev.backprop..")
            .and().resideOutsideOfPackage("dev.backprop.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.backprop.cli..")
            .because("cli holds the job entry points, the top of the dependency graph")
            .allowEmptyShould(true);

    static final ArchRule PACKAGE_TABLE = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("tensor").definedBy("dev.backprop.tensor..")
            .layer("autodiff").definedBy("dev.backprop.autodiff..")
            .layer("nn").definedBy("dev.backprop.nn..")
            .layer("loss").definedBy("dev.backprop.loss..")
            .layer("optim").definedBy("dev.backprop.optim..")
            .layer("data").definedBy("dev.backprop.data..")
            .layer("model").definedBy("dev.backprop.model..")
            .layer("metrics").definedBy("dev.backprop.metrics..")
            .layer("train").definedBy("dev.backprop.train..")
            .layer("spark").definedBy("dev.backprop.spark..")
            .layer("cli").definedBy("dev.backprop.cli..")
            .whereLayer("tensor").mayNotAccessAnyLayer()
            .whereLayer("autodiff").mayOnlyAccessLayers("tensor")
            // The table says nn depends on autodiff and tensor; we also allow loss, because the MLP
            // description pairs the network's output with its loss (an MLP spec names its output loss).
            .whereLayer("nn").mayOnlyAccessLayers("autodiff", "tensor", "loss")
            .whereLayer("loss").mayOnlyAccessLayers("autodiff", "tensor")
            .whereLayer("optim").mayOnlyAccessLayers("tensor")
            .whereLayer("data").mayOnlyAccessLayers("tensor")
            .whereLayer("model").mayOnlyAccessLayers("nn", "data", "tensor")
            // Not in the design table yet: evaluation metrics as mergeable sums, pure Java like the engine.
            .whereLayer("metrics").mayOnlyAccessLayers("tensor")
            .whereLayer("train").mayOnlyAccessLayers("tensor", "autodiff", "nn", "loss", "optim", "data", "model",
                    "metrics")
            .whereLayer("spark").mayOnlyAccessLayers("tensor", "autodiff", "nn", "loss", "optim", "data", "model",
                    "metrics", "train")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .allowEmptyShould(true);

    /** One slice per package (autodiff and autodiff.ops are separate), so a package-subpackage cycle counts too. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.backprop.(**)")
            .should().beFreeOfCycles()
            .allowEmptyShould(true);

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // Speed, on a class path of about 200 jars: the main classes are read from the one folder (or jar) that holds
        // them instead of scanning the class path for the package, and the classes they refer to (JDK, Spark,
        // netlib) are not loaded, since the rules look at package names only. Together about 10 s down to 1-2 s.
        URL mainClasses = Matrix.class.getProtectionDomain().getCodeSource().getLocation();
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter()
                    .withImportOption(new ImportOption.DoNotIncludeTests())
                    .importUrl(mainClasses)
                    .that(JavaClass.Predicates.resideInAPackage("dev.backprop.."));
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void theImportSeesTheEngine() {
        // Guards the other rules against passing because nothing was imported.
        Set<String> names = classes.stream().map(JavaClass::getName).collect(Collectors.toSet());
        for (String name : new String[] {"dev.backprop.tensor.Matrix", "dev.backprop.autodiff.Graph",
                "dev.backprop.autodiff.ops.MatMul", "dev.backprop.loss.SquaredError", "dev.backprop.cli.SeedExample",
                "dev.backprop.metrics.ClassificationMetrics"}) {
            assertTrue(names.contains(name), name + " was not imported");
        }
        assertTrue(names.stream().noneMatch(n -> n.endsWith("Test")), "test classes were imported");
    }

    @Test
    void onlySparkAndCliUseSparkScalaOrHadoop() {
        ONLY_SPARK_AND_CLI_USE_SPARK_SCALA_OR_HADOOP.check(classes);
    }

    @Test
    void nothingDependsOnCli() {
        NOTHING_DEPENDS_ON_CLI.check(classes);
    }

    @Test
    void packagesDependOnlyOnWhatTheDesignTableAllows() {
        PACKAGE_TABLE.check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        NO_PACKAGE_CYCLES.check(classes);
    }
}
