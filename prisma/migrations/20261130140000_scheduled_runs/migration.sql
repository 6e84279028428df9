-- Periodic jobs (sweeps of expired rows) run once per period across every process and replica:
-- each job has one row holding the last period claimed, and a process runs the job for a period
-- only when its upsert moved the row to that period (the row lock lets exactly one of racing
-- processes do so).
CREATE TABLE "scheduled_runs" (
    "job" VARCHAR(60) NOT NULL,
    "period" BIGINT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" VARCHAR(200),

    CONSTRAINT "scheduled_runs_pkey" PRIMARY KEY ("job"),
    CONSTRAINT "scheduled_runs_period_check" CHECK ("period" >= 0)
);
