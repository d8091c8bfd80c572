package dev.backprop.model;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model package stays pure Java (DESIGN.md section 4) and safe: no Spark, Scala or Hadoop, and no Java
 * serialization or Kryo, which could turn a hostile model file into arbitrary objects.
 */
class ModelPackageRulesTest {

    private static final JavaClasses MODEL = importModelPackage();

    /** The rules look at names only: not resolving referenced classes from the class path saves seconds. */
    private static JavaClasses importModelPackage() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter()
                    .withImportOption(new ImportOption.DoNotIncludeTests())
                    .importPackages("dev.backprop.model");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void theImportSeesThePackage() {
        assertTrue(MODEL.contain(ModelReader.class) && MODEL.contain(ModelWriter.class));
    }

    @Test
    void noSparkScalaOrHadoop() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..")
                .check(MODEL);
    }

    @Test
    void noJavaSerializationOrKryo() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName(java.io.ObjectInputStream.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.ObjectOutputStream.class.getName())
                .orShould().dependOnClassesThat().resideInAnyPackage("com.esotericsoftware..")
                .check(MODEL);
    }
}
