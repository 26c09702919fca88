-- CreateTable
CREATE TABLE "dashboard_market_figure" (
    "import_id" INTEGER NOT NULL,
    "chart" TEXT NOT NULL,
    "filter_key" TEXT NOT NULL,
    "figures" JSONB NOT NULL,

    CONSTRAINT "dashboard_market_figure_pkey" PRIMARY KEY ("import_id","chart","filter_key")
);

-- AddForeignKey
ALTER TABLE "dashboard_market_figure" ADD CONSTRAINT "dashboard_market_figure_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "data_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the charts the table holds (lib/dashboard/market-figures.ts)
ALTER TABLE "dashboard_market_figure" ADD CONSTRAINT "dashboard_market_figure_chart_check" CHECK ("chart" IN ('areas', 'kinds', 'pcns'));
