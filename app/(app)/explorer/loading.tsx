import { Bone, HeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function ExplorerLoading() {
  return (
    <Skeleton label="Loading the explorer…">
      <HeaderSkeleton lines={["h-7 w-40", "h-4 w-96 max-w-full"]} actions={["w-28", "w-24", "w-28"]} />
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
