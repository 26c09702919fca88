import { Bone, HeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function ContractsLoading() {
  return (
    <Skeleton label="Loading the contracts…">
      <HeaderSkeleton lines={["h-7 w-40", "h-4 w-96 max-w-full"]} actions={["w-28", "w-24", "w-28"]} />
      <div className="gap-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <Bone className="mb-3 hidden h-[32rem] rounded-lg lg:block" />
        <div className="space-y-3">
          <Bone className="h-9 rounded-md" />
          <Bone className="h-10 rounded-md" />
          <TableSkeleton rows={12} cells={["h-4 flex-1", "h-4 w-40", "h-4 w-20", "hidden h-4 w-16 sm:block", "h-4 w-20"]} />
        </div>
      </div>
    </Skeleton>
  );
}
