package dev.sonda.scheduler;

/** Origin of a scan, as the scan announcement's {@code trigger} field and the metrics' tag carry it. */
public enum Trigger {
    /** The scheduler's own cron ({@code sonda.scheduler.cron}). */
    CRON,
    /** A {@code POST /scans} request. */
    API,
    /** A {@code POST /scans} request from Sonda's command-line tool. */
    CLI
}
