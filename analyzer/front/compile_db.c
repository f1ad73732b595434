/* compile_db.c — compile_commands.json for the C and C++ front end: each file's command as the
 * arguments libclang gets, and the command a header borrows from its nearest compiled file
 * (see clang.h, clang_p.h). */
#include <cJSON.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clang_p.h"
#include "base/util.h"

/* ---- compile_commands.json -------------------------------------------------------------- */

typedef VEC(char *) word_vec;

struct compile_db {
    char *path;
    struct compile_cmd *cmds; /* sorted by file */
    size_t n;
};

static char *join_path(const char *dir, const char *name)
{
    if (name[0] == '/' || !dir || !dir[0])
        return xstrdup(name);
    return xasprintf("%s%s%s", dir, str_ends_with(dir, "/") ? "" : "/", name);
}

/* An absolute path with "." and ".." folded, without touching the file system (a database
 * may name files that are not there any more). */
char *compile_path_normalize(const char *path)
{
    char *cwd = NULL;
    if (path[0] != '/') {
        char buf[PATH_MAX];
        cwd = xstrdup(getcwd(buf, sizeof buf) ? buf : "/");
    }
    char *full = cwd ? join_path(cwd, path) : xstrdup(path);
    free(cwd);
    char *out = xmalloc(strlen(full) + 2);
    size_t n = 0;
    char *save = NULL; /* strtok_r: the file pass normalizes on every worker thread */
    for (char *seg = strtok_r(full, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (n && out[n - 1] != '/')
                n--;
            if (n)
                n--;
            continue;
        }
        out[n++] = '/';
        size_t m = strlen(seg);
        memcpy(out + n, seg, m);
        n += m;
    }
    if (!n)
        out[n++] = '/';
    out[n] = '\0';
    free(full);
    return out;
}

/* Splits a shell command line as compilers' drivers are written there: blanks separate,
 * quotes group, a backslash escapes the next character. */
static void split_command(const char *s, word_vec *out)
{
    struct strbuf word;
    strbuf_init(&word);
    bool in_word = false;
    char quote = 0;
    for (const char *p = s;; p++) {
        char c = *p;
        if (!c || (!quote && (c == ' ' || c == '\t' || c == '\n'))) {
            if (in_word) {
                VEC_PUSH(*out, strbuf_detach(&word, NULL));
                strbuf_init(&word); /* detach leaves it empty, not ready */
            }
            in_word = false;
            if (!c)
                break;
            continue;
        }
        in_word = true;
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && p[1])
                strbuf_addch(&word, *++p);
            else
                strbuf_addch(&word, c);
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '\\' && p[1]) {
            strbuf_addch(&word, *++p);
        } else {
            strbuf_addch(&word, c);
        }
    }
    strbuf_release(&word);
}

/* Options that name outputs or write files (dependency files): libclang must not act on them. */
static int output_option(const char *a)
{
    static const char *const with_value[] = {"-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics"};
    for (size_t i = 0; i < ARRAY_SIZE(with_value); i++)
        if (strcmp(a, with_value[i]) == 0)
            return 2;
    if (strcmp(a, "-c") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 ||
        strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0 || strcmp(a, "-MP") == 0 ||
        (a[0] == '-' && a[1] == 'o' && a[2]) || str_starts_with(a, "-MF") ||
        str_starts_with(a, "-Wp,-M"))
        return 1;
    return 0;
}

/* Options whose value is a path, as a separate word or joined (-Iinclude). */
static const char *const path_options[] = {"-I", "-isystem", "-iquote", "-idirafter",
                                           "-include", "-imacros", "-isysroot", "--sysroot",
                                           "-F", "-iprefix", "-iwithprefix", "-cxx-isystem"};

/* The word as libclang must see it: a relative path made absolute against the entry's
 * directory. (libclang's own -working-directory would change the whole process's current
 * directory, under the other threads' feet.) */
static char *absolute_option(const struct compile_cmd *cmd, const char *opt, const char *value)
{
    if (!value[0] || value[0] == '/' || value[0] == '=')
        return xasprintf("%s%s", opt, value);
    char *abs = join_path(cmd->directory, value);
    char *out = xasprintf("%s%s", opt, abs);
    free(abs);
    return out;
}

static void command_from_words(struct compile_cmd *cmd, char **words, size_t n)
{
    VEC(char *) argv = {0};
    for (size_t i = 1; i < n; i++) { /* words[0] is the compiler */
        int skip = output_option(words[i]);
        if (strcmp(words[i], "-working-directory") == 0)
            skip = 2;
        if (skip) {
            i += (size_t)skip - 1;
            continue;
        }
        const char *path_opt = NULL;
        for (size_t k = 0; k < ARRAY_SIZE(path_options) && !path_opt; k++)
            if (str_starts_with(words[i], path_options[k]))
                path_opt = path_options[k];
        if (path_opt && strcmp(words[i], path_opt) == 0 && i + 1 < n) {
            VEC_PUSH(argv, xstrdup(words[i]));
            VEC_PUSH(argv, absolute_option(cmd, "", words[++i]));
            continue;
        }
        if (path_opt && (strlen(path_opt) == 2 || words[i][strlen(path_opt)] == '=')) {
            size_t k = strlen(path_opt) + (words[i][strlen(path_opt)] == '=');
            char *opt = xstrndup(words[i], k);
            VEC_PUSH(argv, absolute_option(cmd, opt, words[i] + k));
            free(opt);
            continue;
        }
        if (words[i][0] != '-') { /* the input file: the one this entry is for */
            char *abs = join_path(cmd->directory, words[i]);
            char *norm = compile_path_normalize(abs);
            bool input = strcmp(norm, cmd->file) == 0;
            free(abs);
            free(norm);
            if (input)
                continue;
        }
        VEC_PUSH(argv, xstrdup(words[i]));
    }
    cmd->argv = argv.v;
    cmd->argc = (int)argv.n;
}

static int cmp_cmd(const void *a, const void *b)
{
    return strcmp(((const struct compile_cmd *)a)->file, ((const struct compile_cmd *)b)->file);
}

static void cmd_release(struct compile_cmd *c)
{
    for (int i = 0; i < c->argc; i++)
        free(c->argv[i]);
    free(c->argv);
    free(c->file);
    free(c->directory);
}

static struct compile_db *db_read(const char *path, char **err)
{
    struct stat st;
    FILE *in = fopen(path, "rb");
    if (!in || fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = xasprintf("cannot read '%s'", path);
        if (in)
            fclose(in);
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    bool ok = strbuf_fread(&sb, in);
    fclose(in);
    cJSON *root = ok ? cJSON_ParseWithLength(sb.buf, sb.len) : NULL;
    strbuf_release(&sb);
    if (!cJSON_IsArray(root)) {
        *err = xasprintf("'%s' is not a compilation database (a JSON array of commands)", path);
        cJSON_Delete(root);
        return NULL;
    }
    char *dir_of_db = xstrdup(path);
    char *slash = strrchr(dir_of_db, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(dir_of_db, ".");
    VEC(struct compile_cmd) cmds = {0};
    const cJSON *e;
    size_t index = 0;
    cJSON_ArrayForEach(e, root) {
        index++;
        const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
        const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
        const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
        const cJSON *command = cJSON_GetObjectItemCaseSensitive(e, "command");
        if (!cJSON_IsString(file) || (!cJSON_IsArray(args) && !cJSON_IsString(command))) {
            warn("%s: entry %zu has no \"file\" or no \"arguments\"/\"command\"; skipped", path,
                 index);
            continue;
        }
        struct compile_cmd c = {0};
        char *d = join_path(dir_of_db, cJSON_IsString(dir) ? dir->valuestring : ".");
        c.directory = compile_path_normalize(d);
        free(d);
        char *f = join_path(c.directory, file->valuestring);
        c.file = compile_path_normalize(f);
        free(f);
        word_vec words = {0};
        if (cJSON_IsArray(args)) {
            const cJSON *a;
            cJSON_ArrayForEach(a, args)
                if (cJSON_IsString(a))
                    VEC_PUSH(words, xstrdup(a->valuestring));
        } else {
            split_command(command->valuestring, &words);
        }
        command_from_words(&c, words.v, words.n);
        for (size_t i = 0; i < words.n; i++)
            free(words.v[i]);
        VEC_FREE(words);
        VEC_PUSH(cmds, c);
    }
    cJSON_Delete(root);
    free(dir_of_db);
    qsort(cmds.v, cmds.n, sizeof(*cmds.v), cmp_cmd);
    struct compile_db *db = xcalloc(1, sizeof(*db));
    db->path = xstrdup(path);
    db->cmds = cmds.v;
    db->n = cmds.n;
    return db;
}

struct compile_db *compile_db_load(const char *root, const char *explicit_file, char **err)
{
    *err = NULL;
    if (explicit_file)
        return db_read(explicit_file, err);
    char *candidate = join_path(root, "compile_commands.json");
    struct stat st;
    if (stat(candidate, &st) == 0)
        goto found;
    free(candidate);
    candidate = NULL;
    /* build*, in name order, so the choice does not depend on the directory's order */
    char *pattern_dirs[64];
    size_t nd = 0;
    DIR *d = opendir(root);
    struct dirent *de;
    while (d && (de = readdir(d)) && nd < ARRAY_SIZE(pattern_dirs))
        if (str_starts_with(de->d_name, "build"))
            pattern_dirs[nd++] = xstrdup(de->d_name);
    if (d)
        closedir(d);
    for (size_t i = 0; i < nd; i++)
        for (size_t j = i + 1; j < nd; j++)
            if (strcmp(pattern_dirs[j], pattern_dirs[i]) < 0) {
                char *t = pattern_dirs[i];
                pattern_dirs[i] = pattern_dirs[j];
                pattern_dirs[j] = t;
            }
    for (size_t i = 0; i < nd; i++) {
        char *dir = join_path(root, pattern_dirs[i]);
        char *c = join_path(dir, "compile_commands.json");
        free(dir);
        if (!candidate && stat(c, &st) == 0 && S_ISREG(st.st_mode))
            candidate = c;
        else
            free(c);
        free(pattern_dirs[i]);
    }
    if (!candidate)
        return NULL;
found:;
    struct compile_db *db = db_read(candidate, err);
    free(candidate);
    return db;
}

const char *compile_db_path(const struct compile_db *db)
{
    return db->path;
}

size_t compile_db_count(const struct compile_db *db)
{
    return db ? db->n : 0;
}

void compile_db_free(struct compile_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->n; i++)
        cmd_release(&db->cmds[i]);
    free(db->cmds);
    free(db->path);
    free(db);
}

const struct compile_cmd *compile_db_find(const struct compile_db *db, const char *abs)
{
    if (!db)
        return NULL;
    struct compile_cmd key = {.file = (char *)abs};
    return bsearch(&key, db->cmds, db->n, sizeof(*db->cmds), cmp_cmd);
}

bool compile_path_is_cpp(const char *path)
{
    static const char *const ext[] = {".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx"};
    for (size_t i = 0; i < ARRAY_SIZE(ext); i++)
        if (str_ends_with(path, ext[i]))
            return true;
    return false;
}

/* A file the build does not compile (a header) borrows the command of the compiled file
 * nearest to it, the one sharing the longest leading part of its path, as clangd does; a C++
 * file only a C++ command, a C file only a C command (a .h either). */
const struct compile_cmd *compile_db_neighbour(const struct compile_db *db, const char *abs)
{
    const struct compile_cmd *best = NULL;
    size_t best_len = 0;
    bool header = str_ends_with(abs, ".h"), cpp = compile_path_is_cpp(abs);
    for (size_t i = 0; db && i < db->n; i++) {
        if (!header && compile_path_is_cpp(db->cmds[i].file) != cpp)
            continue;
        const char *a = abs, *b = db->cmds[i].file;
        size_t n = 0, dir = 0;
        while (a[n] && a[n] == b[n]) {
            if (a[n] == '/')
                dir = n + 1;
            n++;
        }
        if (dir > best_len) {
            best_len = dir;
            best = &db->cmds[i];
        }
    }
    return best;
}
