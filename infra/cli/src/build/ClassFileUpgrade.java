import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step for the CLI jar: rewrites class files older than Java 6 (major version < 50, i.e. picocli and
 * slf4j 1.7, which target Java 5) as Java 8 class files with generated stack maps. The JDK's AOT cache refuses
 * pre-Java-6 classes ("Old class has been linked"), so without this every `./termijnwacht` start loads and
 * verifies picocli's ~230 classes from the jar again: 0.1 s of a 0.3 s `bereken` (docs/metingen.md, "The CLI").
 * The instructions stay the same. Every rewritten class is then loaded and linked, which runs the JVM's
 * verifier on it, so a wrong stack map fails the build here and never reaches a user.
 *
 * <p>Usage (JDK 25, run by infra/cli/pom.xml after shading): {@code java ClassFileUpgrade.java JAR}
 */
public final class ClassFileUpgrade {

    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        // Stack maps need the class hierarchy: the JDK's own classes, then the jar's.
        ClassHierarchyResolver resolver = ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(
                (ClassDesc desc) -> {
                    String d = desc.descriptorString();
                    byte[] bytes = entries.get(d.substring(1, d.length() - 1) + ".class");
                    return bytes == null ? null : new ByteArrayInputStream(bytes);
                }));
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver), ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
        List<String> upgraded = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().endsWith(".class") || e.getKey().endsWith("module-info.class")) {
                continue;
            }
            ClassModel model = classFile.parse(e.getValue());
            if (model.majorVersion() >= JAVA_6) {
                continue;
            }
            // rebuilding every method body makes the library write the stack maps a Java 8 class file needs
            e.setValue(classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen((builder, element) -> {
                        if (element instanceof ClassFileVersion) {
                            builder.withVersion(JAVA_8, 0);
                        } else {
                            builder.with(element);
                        }
                    })));
            upgraded.add(e.getKey());
        }
        if (upgraded.isEmpty()) {
            System.out.println("ClassFileUpgrade: " + jar.getFileName() + ": no class older than Java 6");
            return;
        }
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        verify(tmp, upgraded);
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar)); // a temporary file is private to its owner
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ClassFileUpgrade: " + jar.getFileName() + ": " + upgraded.size() + " classes rewritten as Java 8 class files, all verified");
    }

    /** Loads and links (hence verifies) each rewritten class from the new jar; throws on the first that fails. */
    private static void verify(Path jar, List<String> classes) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String entry : classes) {
                String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(name, true, loader);
                } catch (ExceptionInInitializerError | NoClassDefFoundError | ClassNotFoundException e) {
                    // linked and verified, then stopped by something else: an absent optional dependency, or a static
                    // initialiser that needs the application around it (a VerifyError is never wrapped in these)
                } catch (VerifyError | ClassFormatError e) {
                    Files.deleteIfExists(jar);
                    throw new IllegalStateException(entry + ": rewritten class fails verification", e);
                }
            }
        }
    }
}
