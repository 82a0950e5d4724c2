package dev.vigil.schedule;

import java.time.Duration;
import java.util.Optional;

/**
 * When and over what window a detection runs (SEMANTICS §2): the ESCU default for its type, with an
 * administrator's overrides applied.
 *
 * @param realtimeSchedule false for continuous scheduling (ESCU's choice: missed runs are caught up), true
 *                         for skip mode (SEMANTICS §2.8)
 * @param riskEnabled      whether runs write risk events ({@code alert_action.rba.enabled})
 * @param lookback         how far back this rule catches up; empty means the installation's setting
 */
public record Deployment(String cron, String earliest, String latest, String scheduleWindow,
                         boolean realtimeSchedule, boolean riskEnabled, Optional<Duration> lookback) {}
