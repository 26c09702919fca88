import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { readCoverage } from "@/lib/procurement/coverage";
import { getNotice } from "@/lib/procurement/notice-detail";
import { NoticeDetailView } from "@/components/contracts/notice-detail";

export const metadata: Metadata = { title: "Notice" };

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAuth();
  const db = getDb();
  const { id } = await params;
  const notice = await getNotice(db, Number(id)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not-found") notFound();
    throw error;
  });
  return <NoticeDetailView notice={notice} coverage={await readCoverage(db)} />;
}
