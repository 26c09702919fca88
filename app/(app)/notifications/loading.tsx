import { Bone, HeaderSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function NotificationsLoading() {
  return (
    <Skeleton label="Loading your notifications…">
      <HeaderSkeleton lines={["h-7 w-48", "h-4 w-96 max-w-full"]} actions={[]} />
      <Bone className="mb-4 h-8 w-56 rounded-md" />
      {Array.from({ length: 6 }, (_, i) => <Bone key={i} className="mb-3 h-16 rounded-md" />)}
    </Skeleton>
  );
}
