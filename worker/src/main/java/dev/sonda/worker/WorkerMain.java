package dev.sonda.worker;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The worker's entry point. The build compiles this one class for Java 17 and every other class for
 * Java 21. So on Java 17 to 20 this check runs and names the fix, where Quarkus would otherwise exit
 * without a message on the first class it cannot load.
 */
@QuarkusMain
public final class WorkerMain {

    private static final int MINIMUM_JAVA = 21;

    private WorkerMain() {
    }

    public static void main(String... args) {
        String problem = javaVersionProblem(Runtime.version().feature(), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        Quarkus.run(args);
    }

    /** Returns why the worker cannot run on a Java feature release, or {@code null} when it can. */
    static String javaVersionProblem(int feature, String javaHome) {
        if (feature >= MINIMUM_JAVA) {
            return null;
        }
        return "The Sonda worker needs Java " + MINIMUM_JAVA + " or newer for virtual threads, but runs on Java "
                + feature + " (" + javaHome + "). Start it with a JDK " + MINIMUM_JAVA
                + " or newer, for example by setting JAVA_HOME.";
    }
}
