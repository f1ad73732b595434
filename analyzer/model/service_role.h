/* service_role.h — supabase clients made with the service-role key, which bypass row-level
 * security: a query through one is only as safe as the code's own filters.
 *
 * A client is one when it is named so (supabaseAdmin, serviceClient, SERVICE_ROLE) or was
 * assigned in the file from a statement that reads the key
 * (createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY)); an export makes one when its
 * statement reads the key, perhaps only when a parameter says so
 * (`useServiceRole ? SERVICE_ROLE_KEY : ANON_KEY`).
 */
#ifndef PREFLIGHT_SERVICE_ROLE_H
#define PREFLIGHT_SERVICE_ROLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"

/* true when [s, s+n) names the service role (admin, service_role, serviceKey, secret_key;
 * any case, dashes ignored). */
bool service_role_name(const char *s, size_t n);
/* The name a query chain starts from: `supabaseAdmin` in supabaseAdmin.from('x').eq(...). */
TSNode service_role_chain_root(TSNode call);
/* true when root, the identifier a chain starts from, is a service-role client. */
bool service_role_client(const struct check_file *f, TSNode root);
/* true when the top-level statement around [start, end) (an export) reads the service-role
 * key; *slot receives the position of the parameter that chooses it, or -1 (it always
 * does). */
bool service_role_export(const struct check_file *f, uint32_t start, uint32_t end, int *slot);

#endif
