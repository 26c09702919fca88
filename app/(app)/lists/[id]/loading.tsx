import { Bone, HeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function TargetListLoading() {
  return (
    <Skeleton label="Loading the list…">
      <Bone className="mb-3 h-4 w-40" />
      <HeaderSkeleton align="start" lines={["h-8 w-72 max-w-full", "h-4 w-[28rem] max-w-full", "h-3 w-64 max-w-full"]} actions={["w-24", "w-24"]} />
      <Bone className="mb-2 h-5 w-24" />
      <div className="mb-6 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Bone key={i} className="h-[4.5rem] rounded-md" />
        ))}
      </div>
      <div className="mb-3 grid gap-2 sm:grid-cols-[minmax(0,1fr)_11rem_11rem]">
        <Bone className="h-9 rounded-md" />
        <Bone className="h-9 rounded-md" />
        <Bone className="h-9 rounded-md" />
      </div>
      <Bone className="mb-3 h-5 w-32" />
      <TableSkeleton
        rows={10}
        rowPadding="py-3"
        cells={["h-4 w-4", "h-4 flex-1", "hidden h-4 w-20 sm:block", "h-6 w-32", "h-6 w-28", "hidden h-4 w-24 md:block", "hidden h-4 w-16 md:block"]}
      />
    </Skeleton>
  );
}
