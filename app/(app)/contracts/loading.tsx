import { FilteredTableSkeleton } from "@/components/ui/skeleton";

export default function ContractsLoading() {
  return <FilteredTableSkeleton label="Loading the contracts…" above={["h-9 rounded-md", "h-10 rounded-md"]} cells={["h-4 flex-1", "h-4 w-40", "h-4 w-20", "hidden h-4 w-16 sm:block", "h-4 w-20"]} />;
}
