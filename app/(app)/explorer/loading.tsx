import { FilteredTableSkeleton } from "@/components/ui/skeleton";

export default function ExplorerLoading() {
  return <FilteredTableSkeleton label="Loading the explorer…" above={["h-9 rounded-md", "h-5 w-40"]} cells={["h-4 w-4", "h-4 w-14", "h-4 flex-1", "h-4 w-24", "hidden h-4 w-32 sm:block", "h-4 w-20"]} />;
}
