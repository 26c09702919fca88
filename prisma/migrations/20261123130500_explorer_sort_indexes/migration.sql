-- Hand-written: "the PCNs (or practices, or ICBs) by population / allocation", the explorer's
-- commonest sorts after name. With kind and status leading, a page is an index-only walk in sort
-- order; without them PostgreSQL sorted every body of the kind, or walked the population index past
-- every smaller body of other kinds (see docs/benchmarks.md).
CREATE INDEX "organisation_kind_status_population_asc_idx" ON "organisation" ("kind", "status", "population" ASC NULLS LAST, "id");
CREATE INDEX "organisation_kind_status_population_desc_idx" ON "organisation" ("kind", "status", "population" DESC NULLS LAST, "id");
CREATE INDEX "organisation_kind_status_allocation_asc_idx" ON "organisation" ("kind", "status", "latest_allocation_gbp_thousands" ASC NULLS LAST, "id");
CREATE INDEX "organisation_kind_status_allocation_desc_idx" ON "organisation" ("kind", "status", "latest_allocation_gbp_thousands" DESC NULLS LAST, "id");
