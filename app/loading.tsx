import { Bone, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <Skeleton label="Loading…" className="space-y-4">
      <Bone className="h-8 w-1/3" />
      <div className="grid gap-4 md:grid-cols-4">{[0, 1, 2, 3].map((i) => <Bone key={i} className="h-20 rounded-lg" />)}</div>
      <Bone className="h-64 rounded-lg" />
    </Skeleton>
  );
}
