package dev.vigil.schedule;

/**
 * When and over what window a detection runs (SEMANTICS §2): the ESCU default for its type, with an
 * administrator's overrides applied.
 *
 * @param realtimeSchedule false for continuous scheduling (ESCU's choice: missed runs are caught up), true
 *                         for skip mode (SEMANTICS §2.8)
 * @param riskEnabled      whether runs write risk events ({@code alert_action.rba.enabled})
 */
public record Deployment(String cron, String earliest, String latest, String scheduleWindow,
                         boolean realtimeSchedule, boolean riskEnabled) {}
