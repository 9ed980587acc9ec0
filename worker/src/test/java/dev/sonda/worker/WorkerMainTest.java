package dev.sonda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @Test
    void java17IsRejectedWithTheFix() {
        String problem = WorkerMain.javaVersionProblem(17, "/usr/lib/jvm/java-17");

        assertThat(problem).contains("needs Java 21 or newer");
        assertThat(problem).contains("runs on Java 17 (/usr/lib/jvm/java-17)");
        assertThat(problem).contains("JAVA_HOME");
    }

    @Test
    void java21AndNewerAreAccepted() {
        assertThat(WorkerMain.javaVersionProblem(21, "/jdk")).isNull();
        assertThat(WorkerMain.javaVersionProblem(25, "/jdk")).isNull();
    }
}
