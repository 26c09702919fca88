import { Bone, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function ExplorerLoading() {
  return (
    <Skeleton label="Loading the explorer…">
      <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <Bone className="h-7 w-40" />
          <Bone className="h-4 w-96 max-w-full" />
        </div>
        <div className="flex gap-2">
          <Bone className="h-8 w-28 rounded-md" />
          <Bone className="h-8 w-24 rounded-md" />
          <Bone className="h-8 w-28 rounded-md" />
        </div>
      </div>
      <div className="gap-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <Bone className="mb-3 hidden h-[32rem] rounded-lg lg:block" />
        <div className="space-y-3">
          <Bone className="h-9 rounded-md" />
          <Bone className="h-5 w-40" />
          <TableSkeleton rows={12} cells={["h-4 w-4", "h-4 w-14", "h-4 flex-1", "h-4 w-24", "hidden h-4 w-32 sm:block", "h-4 w-20"]} />
        </div>
      </div>
    </Skeleton>
  );
}
