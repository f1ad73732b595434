/* response.h — where a web handler sends data to its HTTP client, in TypeScript/JavaScript
 * and Python: the response model the checks that ask "what reaches the client?" share.
 *
 * Next.js and the Fetch API (NextResponse.json, Response.json, new Response), Express,
 * Fastify, Hono and Koa (res.json/send/write/end, reply.send, c.json, ctx.body =), NestJS's
 * HTTP exceptions, tRPC's TRPCError, AWS Lambda's { statusCode, body }, and what a Next.js
 * server action returns; FastAPI/Starlette (HTTPException(detail=), JSONResponse and the
 * other response classes, what a route returns), Flask (jsonify, make_response, abort,
 * render_template_string, `return body, 500`) and Django's HttpResponse classes.
 *
 * Routes and server actions come from the entry model (model/entry.h): a check that uses
 * this lists entry_model among its models.
 */
#ifndef PREFLIGHT_RESPONSE_H
#define PREFLIGHT_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

struct response {
    TSNode payload[8]; /* what is sent: the body, or every argument of jsonify(...) */
    size_t n;
    const char *what;  /* how it is sent, for messages: "NextResponse.json", "abort" */
    bool returns;      /* a response object the function must return to send it */
};

/* true when node n (of symbol t, in f's walk) sends a response, which *r receives; fn is
 * the innermost function around n (a null node at the top level). */
bool response_at(struct check_file *f, TSNode n, TSSymbol t, TSNode fn, struct response *r);

/* true when n is named as a handler's response object usually is (res, reply, ctx, c). */
bool response_object_name(const struct check_file *f, TSNode n);

/* false when the function body cannot build a response: it holds none of the words a
 * response is spelled with (a cheap test before a closer look). */
bool response_may_build(const struct check_file *f, TSNode body);

#endif
