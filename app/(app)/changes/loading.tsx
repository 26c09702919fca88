import { Bone, HeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function ChangesLoading() {
  return (
    <Skeleton label="Loading the change log…">
      <HeaderSkeleton lines={["h-7 w-40", "h-4 w-96 max-w-full"]} actions={[]} />
      <Bone className="mb-6 h-16 rounded-md" />
      <TableSkeleton rows={12} cells={["h-4 w-20", "h-4 w-24", "h-4 w-48", "h-4 flex-1", "hidden h-4 w-32 sm:block"]} />
    </Skeleton>
  );
}
