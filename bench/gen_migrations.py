#!/usr/bin/env python3
"""gen_migrations.py — deterministic Supabase-style Postgres migrations for the benchmark corpus.

Writes PROJECTS migration sets (<out>/<project>/supabase/migrations/<timestamp>_<name>.sql) of
about TARGET_MB in all. The same arguments always give the same bytes (a seeded PRNG, no clock),
so runs on different days and machines measure the same input. The statements are the kinds real
Supabase projects write and preflight's SQL checks replay: tables with uuid keys and foreign keys
(some indexed, some not), RLS enabled or forgotten, policies on auth.uid(), plpgsql functions and
triggers, views, ALTER TABLE steps, seed INSERTs and comments.

usage: gen_migrations.py OUT_DIR [--mb 6] [--projects 4] [--seed 8]
"""
import argparse
import os
import random

TYPES = ["text", "integer", "bigint", "numeric(12,2)", "boolean", "timestamptz", "jsonb", "date",
         "uuid", "text[]", "smallint", "varchar(255)"]
WORDS = ["lead", "property", "tour", "message", "conversation", "document", "agent", "unit",
         "floor_plan", "invoice", "payment", "review", "booking", "tenant", "lease", "listing",
         "note", "task", "event", "photo", "amenity", "building", "owner", "contact", "campaign",
         "segment", "score", "visit", "offer", "contract"]


def ident(rng, n=2):
    return "_".join(rng.choice(WORDS) for _ in range(n))


class Project:
    def __init__(self, rng, name):
        self.rng = rng
        self.name = name
        self.tables = []          # (name, [columns])
        self.stamp = 20240101000000

    def next_stamp(self):
        self.stamp += self.rng.randint(100, 90000)
        return self.stamp

    def create_table(self):
        rng = self.rng
        name = ident(rng) + "s"
        while any(t[0] == name for t in self.tables):
            name = ident(rng, 3) + "s"
        cols = []
        out = [f"create table if not exists public.{name} (",
               "  id uuid primary key default gen_random_uuid(),",
               "  created_at timestamptz not null default now(),",
               "  updated_at timestamptz not null default now(),"]
        fks = []
        for _ in range(rng.randint(3, 12)):
            c = ident(rng, rng.randint(1, 2))
            if c in cols or c == "id":
                continue
            cols.append(c)
            out.append(f"  {c} {rng.choice(TYPES)}{' not null' if rng.random() < 0.3 else ''},")
        for _ in range(rng.randint(0, 3) if self.tables else 0):
            ref = rng.choice(self.tables)[0]
            c = ref[:-1] + "_id"
            if c in cols:
                continue
            cols.append(c)
            on_delete = rng.choice(["cascade", "set null", "restrict", None])
            tail = f" on delete {on_delete}" if on_delete else ""
            out.append(f"  {c} uuid references public.{ref}(id){tail},")
            fks.append(c)
        if rng.random() < 0.3:
            out.append("  user_id uuid not null references auth.users(id) on delete cascade,")
            cols.append("user_id")
            fks.append("user_id")
        out[-1] = out[-1].rstrip(",")
        out.append(");")
        out.append("")
        out.append(f"comment on table public.{name} is '{rng.choice(WORDS)} records for the "
                   f"{self.name} workspace';")
        for c in fks:
            if rng.random() < 0.6:  # the rest are the unindexed foreign keys the check finds
                out.append(f"create index if not exists {name}_{c}_idx on public.{name} ({c});")
        if rng.random() < 0.8:
            out.append(f"alter table public.{name} enable row level security;")
            owner = "user_id" if "user_id" in cols else None
            for verb in ["select", "insert", "update", "delete"]:
                if rng.random() < 0.6:
                    cond = (f"auth.uid() = {owner}" if owner else
                            "auth.role() = 'authenticated'")
                    clause = "with check" if verb == "insert" else "using"
                    out.append(f'create policy "{name} {verb}" on public.{name} for {verb} '
                               f"to authenticated {clause} ({cond});")
        out.append(f"""
create trigger {name}_touch before update on public.{name}
  for each row execute function public.touch_updated_at();""")
        self.tables.append((name, cols))
        return name, "\n".join(out)

    def function(self):
        rng = self.rng
        t, cols = rng.choice(self.tables)
        fn = "fn_" + ident(rng, 2) + str(rng.randint(1, 999))
        col = rng.choice(cols) if cols else "id"
        body = [f"create or replace function public.{fn}(p_id uuid, p_limit integer default 50)",
                f"returns setof public.{t}",
                "language plpgsql",
                "security definer",
                "set search_path = public",
                "as $$",
                "declare",
                "  v_count integer := 0;",
                "begin",
                f"  select count(*) into v_count from public.{t} where id = p_id;",
                "  if v_count = 0 then",
                f"    raise exception 'no {t} with id %', p_id;",
                "  end if;",
                f"  return query select * from public.{t} where {col} is not null "
                "order by created_at desc limit p_limit;",
                "end;",
                "$$;",
                f"grant execute on function public.{fn}(uuid, integer) to authenticated;"]
        return fn, "\n".join(body)

    def alter(self):
        rng = self.rng
        t, cols = rng.choice(self.tables)
        c = ident(rng, 2) + "_v" + str(rng.randint(2, 9))
        cols.append(c)
        out = [f"alter table public.{t} add column if not exists {c} {rng.choice(TYPES)};"]
        if rng.random() < 0.4:
            out.append(f"create index concurrently if not exists {t}_{c}_idx on public.{t} ({c});")
        if rng.random() < 0.3 and len(self.tables) > 1:
            ref = rng.choice(self.tables)[0]
            fk = ref[:-1] + "_ref_" + str(rng.randint(1, 99))
            out.append(f"alter table public.{t} add column {fk} uuid;")
            out.append(f"alter table public.{t} add constraint {t}_{fk}_fkey foreign key ({fk}) "
                       f"references public.{ref}(id) on delete set null;")
        return t, "\n".join(out)

    def seed(self):
        rng = self.rng
        t, _ = rng.choice(self.tables)
        rows = []
        for i in range(rng.randint(5, 40)):
            rows.append(f"  ('{rng.choice(WORDS)} {i}', {rng.randint(0, 10**6)}, "
                        f"'{{\"k\": {rng.randint(0, 99)}}}'::jsonb)")
        return t, (f"insert into public.{t}_seed (label, amount, meta) values\n"
                   + ",\n".join(rows) + "\non conflict do nothing;")

    def view(self):
        rng = self.rng
        t, cols = rng.choice(self.tables)
        shown = ", ".join(["id", "created_at"] + cols[:4])
        v = f"{t}_recent_{rng.randint(1, 999)}"
        return v, (f"create or replace view public.{v} with (security_invoker = on) as\n"
                   f"  select {shown}\n  from public.{t}\n"
                   f"  where created_at > now() - interval '{rng.randint(1, 90)} days';")


def preamble():
    return """create extension if not exists pgcrypto;

create or replace function public.touch_updated_at()
returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=6.0)
    ap.add_argument("--projects", type=int, default=4)
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    per_project = int(a.mb * 1e6 / a.projects)
    total = 0
    for p in range(a.projects):
        proj = Project(rng, f"workspace{p + 1}")
        mdir = os.path.join(a.out, proj.name, "supabase", "migrations")
        os.makedirs(mdir, exist_ok=True)
        written = 0
        first = True
        while written < per_project:
            parts = []
            if first:
                parts.append(preamble())
                first = False
            # one migration: a few steps, most of them schema changes
            for _ in range(rng.randint(2, 8)):
                r = rng.random()
                if r < 0.35 or len(proj.tables) < 3:
                    name, sql = proj.create_table()
                elif r < 0.55:
                    name, sql = proj.function()
                elif r < 0.8:
                    name, sql = proj.alter()
                elif r < 0.9:
                    name, sql = proj.view()
                else:
                    name, sql = proj.seed()
                parts.append(f"-- {name}\n{sql}")
            text = "\n\n".join(parts) + "\n"
            path = os.path.join(mdir, f"{proj.next_stamp()}_{name}.sql")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            written += len(text.encode())
        total += written
    print(f"gen_migrations: {total} bytes in {a.projects} migration sets under {a.out}")


if __name__ == "__main__":
    main()
