/* driver_p.h — private to the run's driver (driver.c), the checks' side of it (check_api.c)
 * and the file pass (file_pass.c): what one file's analysis leaves behind, the context a check
 * runs in, and a worker thread of the file pass. */
#ifndef PREFLIGHT_DRIVER_P_H
#define PREFLIGHT_DRIVER_P_H

#include <stdatomic.h>

#include "front/clang.h"
#include "report/redact.h"
#include "run_p.h"

struct file_result {
    VEC(struct finding *) findings;
    void **facts;              /* per enabled check; NULL until a check keeps some */
    void (**facts_free)(void *);
    struct schema_facts *schema; /* a .sql file's, kept once for every schema check */
    void **models;             /* per run model (run->models); NULL until one is built */
    struct notice_list notices;
    struct suppression_set *suppressions; /* its preflight-ignore comments, or NULL */
    struct redactions redactions; /* the secrets checks marked: masked in every output */
    bool analyzed, parse_error;
};

struct file_ctx {
    struct run *run;
    const struct file_entry *file;
    struct file_result *result;
    size_t check_index;        /* the check running now */
    struct finding_cap cap;    /* the running check's findings in this file */
    struct finding *scratch;   /* the last finding dropped (its caller may still add to it) */
    struct deadline deadline;  /* the checks' time for this file */
    uint64_t models_built;     /* bit k: run->models[k] was built for this file */
    double model_time;         /* CPU time the running check spent building models */
};

struct check_project {
    struct run *run;
    struct file_result *results;
    size_t check_index;
    VEC(struct finding *) *out;
    struct finding_cap **caps; /* per check, per file: allocated when the check reports */
    struct finding *scratch;
};

struct worker {
    struct run *run;
    struct file_result *results;
    const size_t *order;
    atomic_size_t *next;
    TSParser *parsers[LANG_COUNT];
    struct cx_parser *cx;      /* libclang's index for C and C++, made on the first such file */
    struct node_table nodes;   /* the current file's, its memory kept for the next */
    struct stats stats;        /* this thread's share */
};

/* check_api.c: models built for a file are released when the file's pass ends (all: the
 * file models too, kept for the project pass otherwise). */
void models_release(const struct run *run, struct file_result *r, bool all);
/* check_api.c: the imports kept by the file pass resolved once for the project pass, and
 * the resolver released after it. */
void resolve_kept_imports(struct run *run);
void imports_done(struct run *run);

/* file_pass.c: a worker thread; takes files from w->next until none are left. */
void *worker_main(void *arg);
/* A file's text as the file pass reads it (from disk or the fuzzers' bytes; the size cap, lone
 * CRs read as LFs): the driver reads it again to place project findings. */
enum source_error load_entry(const struct run *run, const struct file_entry *file,
                             struct source *src, char **why);
/* The one summary finding of check i in a file past its findings cap. */
struct finding *cap_summary(const struct run *run, size_t i, struct file_ref ref,
                            const struct finding_cap *cap);

#endif
