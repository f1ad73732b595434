/* budget.c — what one file may cost a run: at most max-findings-per-file findings of each
 * check (the rest become one summary), and check-timeout seconds of the checks' time, after
 * which the file is reported as partly analysed.
 *
 * A generated file must not give gigabytes of SARIF, and one slow file must not hold up the
 * run: checks poll check_out_of_time() at their loop heads (walk_next does, so every walk
 * stops), which reads the thread's CPU clock once every BUDGET_POLL calls (CPU time: a loaded
 * machine does not cut files short). No signals, no killed threads.
 */
#include <stdio.h>

#include "run_p.h"

/* Calls between two readings of the clock: a reading is a system call, a poll a decrement. */
#define BUDGET_POLL 256u

size_t budget_max_findings(const struct run *run)
{
    return run->config.max_findings ? run->config.max_findings : DEFAULT_MAX_FINDINGS;
}

double budget_check_timeout(const struct run *run)
{
    return run->config.check_timeout > 0 ? run->config.check_timeout : DEFAULT_CHECK_TIMEOUT;
}

void deadline_start(struct deadline *d, double seconds)
{
    *d = (struct deadline){.start = stats_thread_now(), .seconds = seconds,
                          .countdown = BUDGET_POLL};
}

bool deadline_passed(struct deadline *d)
{
    if (d->passed)
        return true;
    if (--d->countdown)
        return false;
    d->countdown = BUDGET_POLL;
    d->passed = stats_thread_since(&d->start) > d->seconds;
    return d->passed;
}

bool finding_cap_take(struct finding_cap *c, size_t max, uint32_t start, uint32_t end)
{
    if (c->kept < max) {
        c->kept++;
        return true;
    }
    if (!c->cut) {
        c->start = start;
        c->end = end;
    }
    c->cut++;
    return false;
}

char *finding_cap_message(const struct finding_cap *c, size_t max)
{
    return xasprintf("%zu more finding%s of this check in this file %s not reported: the limit "
                     "is %zu per check and file; fix the ones reported, exclude the file if a "
                     "tool generated it, or raise max-findings-per-file",
                     c->cut, c->cut == 1 ? "" : "s", c->cut == 1 ? "is" : "are", max);
}
