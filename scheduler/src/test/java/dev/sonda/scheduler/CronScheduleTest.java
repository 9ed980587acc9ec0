package dev.sonda.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cron expression in the configuration schedules the scan job. */
@QuarkusTest
@TestProfile(CronScheduleTest.YearlyCron.class)
class CronScheduleTest {

    /** Fires at midnight on 1 January 2099, so never while the test runs. */
    public static class YearlyCron implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sonda.scheduler.cron", "0 0 0 1 1 ? 2099");
        }
    }

    @Inject
    Scheduler scheduler;

    @Test
    void cronSchedulesScanJob() {
        assertThat(scheduler.getScheduledJob(CronTrigger.JOB_ID)).isNotNull();
        assertThat(scheduler.getScheduledJobs()).extracting(trigger -> trigger.getId()).contains(CronTrigger.JOB_ID);
    }
}
